/**
 * What the bench asks of the API: the GraphQL documents, who asks (seeded users, logged in once) and
 * on what (missions picked by SQL), so that every request is valid and every refusal is an API answer
 * worth counting.
 */
import { Client } from 'pg';
import { FRENCH_CITIES, MISSION_CATEGORIES } from '../apps/cli/src/seed/french-catalogue';
import { jitterAround, pickWeighted, Random, seededRandom } from '../apps/cli/src/seed/random';
import { SEED_PASSWORD } from '../apps/cli/src/seed/seeder';

export const SEARCH = `query Search($filter: MissionFilter, $first: Int) {
  missions(filter: $filter, first: $first) {
    edges { node { id title distanceKm bidCount client { displayName reputation { asClient { average count } } } } }
    pageInfo { hasNextPage endCursor } } }`;

export const MISSION_WITH_BIDS = `query MissionWithBids($id: ID!) {
  mission(id: $id) {
    id title bidCount
    bids { edges { node { id amountCents message provider { displayName isIdentityVerified reputation { asProvider { average count } } } } } } } }`;

export const PLACE_BID = `mutation PlaceBid($input: PlaceBidInput!) {
  placeBid(input: $input) { id amountCents platformFeeCents providerReceivesCents } }`;

export const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }`;

export const SEARCH_RADIUS_KM = 10;
export const PAGE_SIZE = 20;

export interface SearchPoint {
  latitude: number;
  longitude: number;
  category: string;
}

/**
 * Points spread as the seeded missions are (towns weighted by population, within 8 km of the centre),
 * each with a random category. Seeded, so the API and raw `pg` runs search the very same sequence.
 */
export function searchPoints(seed = 42): () => SearchPoint {
  const random: Random = seededRandom(seed);
  return () => ({
    ...jitterAround(random, pickWeighted(random, FRENCH_CITIES), 8),
    category: MISSION_CATEGORIES[Math.floor(random() * 12)],
  });
}

export function searchVariables(point: SearchPoint, first = PAGE_SIZE, radiusKm = SEARCH_RADIUS_KM): Record<string, unknown> {
  return {
    filter: { near: { latitude: point.latitude, longitude: point.longitude }, radiusKm, category: point.category },
    first,
  };
}

export interface BidTarget {
  providerEmail: string;
  missionId: string;
}

export interface Fixtures {
  /** Verified providers who bid. */
  providerEmails: string[];
  /** Open missions with several bids, and their clients (who see every bid). */
  missionsWithBids: { clientEmail: string; missionId: string }[];
  /** Fresh (provider, mission) pairs: an open mission not the provider's own, on which they have no live bid. */
  bidTargets: BidTarget[];
  /** Seeded users who log in (all share the seed password). */
  loginEmails: string[];
}

export const LOGIN_PASSWORD = SEED_PASSWORD;

/** Picks everything the scenarios need from the seeded data, by SQL (random samples, so each run differs a little). */
export async function loadFixtures(db: Client, sizes: { providers: number; clients: number; bidTargets: number }): Promise<Fixtures> {
  const providers = await db.query<{ email: string }>(
    `SELECT u.email FROM users u
       JOIN provider_profiles p ON p.user_id = u.id
       JOIN identity_verifications v ON v.user_id = u.id AND v.status = 'APPROVED'
      WHERE u.email LIKE '%@seed.example' AND u.suspended_at IS NULL
      ORDER BY random() LIMIT $1`,
    [sizes.providers],
  );
  const missionsWithBids = await db.query<{ clientEmail: string; missionId: string }>(
    `SELECT u.email AS "clientEmail", m.id AS "missionId" FROM missions m JOIN users u ON u.id = m.client_id
      WHERE m.status = 'OPEN' AND m.hidden_at IS NULL AND m.bid_count >= 3 AND u.email LIKE '%@seed.example' AND u.suspended_at IS NULL
      ORDER BY random() LIMIT $1`,
    [sizes.clients],
  );
  const logins = await db.query<{ email: string }>(
    `SELECT email FROM users WHERE email LIKE 'client-%@seed.example' AND suspended_at IS NULL ORDER BY random() LIMIT $1`,
    [sizes.clients],
  );
  const providerEmails = providers.rows.map((row) => row.email);
  return {
    providerEmails,
    missionsWithBids: missionsWithBids.rows,
    bidTargets: await freshBidTargets(db, providerEmails, sizes.bidTargets),
    loginEmails: logins.rows.map((row) => row.email),
  };
}

/** Open missions handed out to the providers in turn, skipping a provider's own mission or one they already bid on. */
async function freshBidTargets(db: Client, providerEmails: string[], count: number): Promise<BidTarget[]> {
  const providers = await db.query<{ id: string; email: string }>('SELECT id, email FROM users WHERE email = ANY($1)', [providerEmails]);
  const missions = await db.query<{ id: string; clientId: string; bidders: string[] }>(
    `SELECT m.id, m.client_id AS "clientId",
            coalesce(array_agg(b.provider_id) FILTER (WHERE b.status IN ('PENDING', 'ACCEPTED')), '{}') AS bidders
       FROM (SELECT id, client_id FROM missions WHERE status = 'OPEN' AND hidden_at IS NULL ORDER BY random() LIMIT $1) m
       LEFT JOIN bids b ON b.mission_id = m.id
      GROUP BY m.id, m.client_id`,
    [count],
  );
  const targets: BidTarget[] = [];
  let turn = 0;
  for (const mission of missions.rows) {
    for (let tries = 0; tries < providers.rows.length; tries++) {
      const provider = providers.rows[turn++ % providers.rows.length];
      if (provider.id === mission.clientId || mission.bidders.includes(provider.id)) continue;
      targets.push({ providerEmail: provider.email, missionId: mission.id });
      break;
    }
  }
  return targets;
}

/** A bid as providers write them; the amount varies so that rows differ. */
export function bidInput(missionId: string, index: number): Record<string, unknown> {
  return {
    input: {
      missionId,
      amountCents: 5_000 + (index % 200) * 100,
      message: 'Disponible cette semaine, avec mon matériel. Devis ferme.',
      estimatedHours: 2 + (index % 6),
    },
  };
}

/** One login per user, a few at a time (argon2 is slow by design). */
export async function logInUsers(url: string, emails: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(emails)];
  const tokens = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < unique.length) {
      const email = unique[next++];
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: LOGIN, variables: { input: { email, password: LOGIN_PASSWORD } } }),
      });
      const body = (await response.json()) as { data?: { login: { accessToken: string } }; errors?: unknown[] };
      if (!body.data) throw new Error(`Could not log in ${email}: ${JSON.stringify(body.errors)}`);
      tokens.set(email, body.data.login.accessToken);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return tokens;
}
