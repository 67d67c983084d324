/**
 * Many people using the marketplace at once, each through a whole journey: clients post and
 * accept, verified providers bid (several on each mission), the client pays through the real
 * Stripe SDK, the work is delivered and confirmed, the worker pays the provider out, and both
 * rate. Contention is on purpose: duplicate accepts, a withdrawal and a late bid racing the
 * acceptance, concurrent confirms, two moderators settling one dispute. No answer may be a server error, and the books must add up.
 */
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { aProviderProfileInput } from './support/marketplace.builders';
import { anUploadedDocument, aSubmission } from './support/identity.builders';
import { ledgerProblems, onboard, paymentIntentIdOf, stripeFor } from './support/payments.builders';
import { errorCodes, GraphQLResponse, TestApp } from './support/test-app';

const CLIENTS = 32;
const PROVIDERS = 16;
const BIDDERS_PER_MISSION = 3;

const UPSERT_PROFILE = `mutation ($input: ProviderProfileInput!) { upsertProviderProfile(input: $input) { headline } }`;
const SUBMIT_VERIFICATION = `mutation ($input: SubmitIdentityVerificationInput!) { submitIdentityVerification(input: $input) { id } }`;
const APPROVE_VERIFICATION = `mutation ($id: ID!) { approveIdentityVerification(id: $id) { status } }`;
const POST_MISSION = `mutation ($input: PostMissionInput!) { postMission(input: $input) { id } }`;
const PLACE_BID = `mutation ($input: PlaceBidInput!) { placeBid(input: $input) { id } }`;
const WITHDRAW_BID = `mutation ($id: ID!) { withdrawBid(id: $id) { id status } }`;
const ACCEPT_BID = `mutation ($id: ID!) { acceptBid(id: $id) { id status acceptedBid { id provider { id } } } }`;
const CANCEL = `mutation ($id: ID!) { cancelMission(id: $id, reason: "Empêchement de dernière minute") { id status } }`;
const DELIVER = `mutation ($id: ID!) { markMissionDelivered(missionId: $id) { id status } }`;
const CONFIRM = `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { id status } }`;
const RATE = `mutation ($input: RateMissionInput!) { rateMission(input: $input) { id publishedAt } }`;
const HIDE_RATING = `mutation ($id: ID!) { hideRating(id: $id, reason: "Propos hors sujet") { id } }`;
const DISPUTE = `mutation ($id: ID!) { openDispute(missionId: $id, reason: "Il manque la moitié des étagères.") { id status } }`;
const SPLIT = `mutation ($id: ID!) { resolveDispute(missionId: $id, resolution: SPLIT, refundCents: 3000, note: "Moitié faite") { id status } }`;

/**
 * How a mission's journey ends: mostly completed, some cancelled before or after payment, some
 * disputed and settled with a split by two moderators at once, all under the same load.
 */
type Ending = 'COMPLETED' | 'SETTLED_WITH_A_SPLIT' | 'CANCELLED_AFTER_PAYMENT' | 'CANCELLED_BEFORE_PAYMENT';

function endingOf(index: number): Ending {
  if (index % 8 === 7) return 'CANCELLED_AFTER_PAYMENT';
  if (index % 8 === 5) return 'SETTLED_WITH_A_SPLIT';
  if (index % 8 === 6) return 'CANCELLED_BEFORE_PAYMENT';
  return 'COMPLETED';
}

describe('many clients and providers going through whole journeys at once', () => {
  let app: TestApp;
  let moderator: SignedInUser;
  let secondModerator: SignedInUser;
  const responses: GraphQLResponse[] = [];

  beforeAll(async () => {
    app = await TestApp.start();
    recordEveryResponse(app, responses);
    moderator = await aUserWithRole(app, 'MODERATOR');
    secondModerator = await aUserWithRole(app, 'MODERATOR');
  });
  afterAll(() => app.close());

  const call = async (query: string, variables: Record<string, unknown>, user: SignedInUser) =>
    app.graphql(query, variables, user.accessToken);
  const succeeded = (response: GraphQLResponse, what: string) => {
    if (response.errors) throw new Error(`${what} failed: ${JSON.stringify(response.errors)}`);
    return response.data!;
  };

  /** Registers, describes their services, has their identity approved by the moderator and onboards onto Stripe Connect. */
  const aProviderJourney = async (index: number): Promise<SignedInUser> => {
    const provider = await aSignedInUser(app, { displayName: `Prestataire ${index}` });
    succeeded(await call(UPSERT_PROFILE, { input: aProviderProfileInput() }, provider), 'upsertProviderProfile');
    const documentId = await anUploadedDocument(app, provider);
    const submitted = succeeded(await call(SUBMIT_VERIFICATION, { input: aSubmission([documentId]) }, provider), 'submit');
    succeeded(await call(APPROVE_VERIFICATION, { id: submitted.submitIdentityVerification.id }, moderator), 'approve');
    await onboard(app, provider);
    return provider;
  };

  const aMissionJourney = async (index: number, providers: Promise<SignedInUser[]>): Promise<void> => {
    const client = await aSignedInUser(app, { displayName: `Client ${index}` });
    const posted = succeeded(
      await call(POST_MISSION, { input: { ...missionInput(index), budgetCents: 10_000 + index * 100 } }, client),
      'postMission',
    );
    const missionId: string = posted.postMission.id;
    const everyProvider = await providers;
    const bidders = Array.from({ length: BIDDERS_PER_MISSION }, (_, k) => everyProvider[(index + k) % PROVIDERS]);
    const lateBidder = everyProvider[(index + BIDDERS_PER_MISSION) % PROVIDERS];
    const bidIds = await Promise.all(
      bidders.map(async (bidder, k) => {
        const placed = await call(PLACE_BID, { input: bidInput(missionId, 9_000 + index * 100 + k * 500) }, bidder);
        return succeeded(placed, 'placeBid').placeBid.id as string;
      }),
    );

    // The client taps "accept" twice (the same bid, or two bids), while a bidder withdraws and a late provider bids.
    const secondAccept = index % 2 === 0 ? bidIds[0] : bidIds[1];
    const [firstAccept, otherAccept, withdrawal, lateBid] = await Promise.all([
      call(ACCEPT_BID, { id: bidIds[0] }, client),
      call(ACCEPT_BID, { id: secondAccept }, client),
      call(WITHDRAW_BID, { id: bidIds[2] }, bidders[2]),
      call(PLACE_BID, { input: bidInput(missionId, 15_000) }, lateBidder),
    ]);
    const accepts = [firstAccept, otherAccept];
    expect(accepts.filter((response) => response.data?.acceptBid)).toHaveLength(1);
    expect(accepts.flatMap(errorCodes)).toEqual(['CONFLICT']);
    expect(errorCodes(withdrawal)).toEqual(withdrawal.data ? [] : ['CONFLICT']);
    expect(errorCodes(lateBid)).toEqual(lateBid.data ? [] : ['CONFLICT']);
    const acceptedBid = accepts.find((response) => response.data?.acceptBid)!.data!.acceptBid.acceptedBid;
    const provider = everyProvider.find((candidate) => candidate.id === acceptedBid.provider.id)!;

    const ending = endingOf(index);
    if (ending === 'CANCELLED_BEFORE_PAYMENT') {
      succeeded(await call(CANCEL, { id: missionId }, client), 'cancelMission');
      return;
    }
    expect(await payAndAwaitTheWebhook(client, missionId)).toBe('SUCCEEDED');
    if (ending === 'CANCELLED_AFTER_PAYMENT') {
      succeeded(await call(CANCEL, { id: missionId }, provider), 'cancelMission');
      return;
    }
    succeeded(await call(DELIVER, { id: missionId }, provider), 'markMissionDelivered');
    if (ending === 'SETTLED_WITH_A_SPLIT') {
      succeeded(await call(DISPUTE, { id: missionId }, client), 'openDispute');
      const settlements = await Promise.all([call(SPLIT, { id: missionId }, moderator), call(SPLIT, { id: missionId }, secondModerator)]);
      expect(settlements.filter((response) => response.data?.resolveDispute)).toHaveLength(1);
      expect(settlements.flatMap(errorCodes)).toEqual(['CONFLICT']);
    }
    const confirms = await Promise.all(Array.from({ length: index % 3 === 0 ? 3 : 1 }, () => call(CONFIRM, { id: missionId }, client)));
    const confirmed = ending === 'SETTLED_WITH_A_SPLIT' ? 0 : 1;
    expect(confirms.filter((response) => response.data?.confirmMissionCompletion)).toHaveLength(confirmed);
    expect(confirms.flatMap(errorCodes)).toEqual(Array(confirms.length - confirmed).fill('CONFLICT'));
    const ratings = await Promise.all([
      call(RATE, { input: { missionId, score: (index % 5) + 1, comment: 'Travail soigné, je recommande.' } }, client),
      call(RATE, { input: { missionId, score: 5 - (index % 3), comment: 'Client accueillant et précis.' } }, provider),
    ]);
    ratings.forEach((rating) => succeeded(rating, 'rateMission'));
  };

  /**
   * The client pays as Stripe.js would, then waits for the webhook. The emulator sends events one at a time, so under
   * this load a webhook may take seconds: the wait reads the payment's row, not to crowd out the very webhooks it awaits.
   */
  const payAndAwaitTheWebhook = async (client: SignedInUser, missionId: string): Promise<string> => {
    await stripeFor(app).paymentIntents.confirm(await paymentIntentIdOf(app, missionId, client), { payment_method: 'pm_card_visa' });
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
      const [{ status }] = await app.dataSource.query(`SELECT status::text FROM payments WHERE mission_id = $1`, [missionId]);
      if (status !== 'REQUIRES_PAYMENT') return status;
    }
    throw new Error(`Timed out waiting for the payment webhook of mission ${missionId}`);
  };

  it('serves 48 people at once without a server error, and leaves bids, payments, payouts, the ledger and reputations consistent', async () => {
    const providerJourneys = Array.from({ length: PROVIDERS }, (_, index) => aProviderJourney(index));
    const providers = Promise.all(providerJourneys);
    const missionJourneys = Array.from({ length: CLIENTS }, (_, index) => aMissionJourney(index, providers));
    const outcomes = await Promise.allSettled([...providerJourneys, ...missionJourneys]);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);

    await app.runJobs();
    await app.runJobs({ dueNow: true });
    const published = await app.dataSource.query(`SELECT id FROM ratings WHERE published_at IS NOT NULL ORDER BY id LIMIT 3`);
    for (const { id } of published) succeeded(await call(HIDE_RATING, { id }, moderator), 'hideRating');

    const serverErrors = responses.filter((response) => response.status >= 500 || errorCodes(response).includes('INTERNAL_SERVER_ERROR'));
    expect(serverErrors).toEqual([]);
    expect(responses.length).toBeGreaterThan(CLIENTS * 10);
    expect(app.stripe.objects('event').filter((event) => event.pending_webhooks !== 0)).toEqual([]);

    const missions: { id: string; status: string }[] = await app.dataSource.query(`SELECT id, status FROM missions`);
    const statusCount = (status: string) => missions.filter((mission) => mission.status === status).length;
    const endings = Array.from({ length: CLIENTS }, (_, index) => endingOf(index));
    const completed = endings.filter((ending) => ending === 'COMPLETED' || ending === 'SETTLED_WITH_A_SPLIT').length;
    expect(statusCount('COMPLETED')).toBe(completed);
    expect(statusCount('CANCELLED')).toBe(CLIENTS - statusCount('COMPLETED'));

    expect(await missionsWhoseBidCountIsWrong(app)).toEqual([]);
    expect(await assignmentsNotMatchingTheirAcceptedBid(app)).toEqual([]);
    expect(
      await app.dataSource.query(
        `SELECT b.id FROM bids b JOIN missions m ON m.id = b.mission_id WHERE m.status <> 'OPEN' AND b.status = 'PENDING'`,
      ),
    ).toEqual([]);
    expect(await assignedMissionsWithoutExactlyOnePayment(app)).toEqual([]);
    expect(await completedMissionsWithoutExactlyOneTransferredPayout(app)).toEqual([]);
    expect(
      await app.dataSource.query(`SELECT mission_id FROM payouts p JOIN missions m ON m.id = p.mission_id WHERE m.status <> 'COMPLETED'`),
    ).toEqual([]);
    expect(stripeMovementsPerMission(app, 'transfer')).toEqual(countsOf(missions.filter((mission) => mission.status === 'COMPLETED')));
    const refunded: { mission_id: string }[] = await app.dataSource.query(`SELECT mission_id FROM payments WHERE status = 'REFUNDED'`);
    expect(refunded).toHaveLength(endings.filter((ending) => ending === 'CANCELLED_AFTER_PAYMENT').length);
    const split: { mission_id: string }[] = await app.dataSource.query(
      `SELECT mission_id FROM payments WHERE status = 'PARTIALLY_REFUNDED' AND refunded_cents = 3000`,
    );
    expect(split).toHaveLength(endings.filter((ending) => ending === 'SETTLED_WITH_A_SPLIT').length);
    expect(stripeMovementsPerMission(app, 'refund')).toEqual(countsOf([...refunded, ...split].map((row) => ({ id: row.mission_id }))));
    expect(paymentIntentsPerMission(app)).toEqual(countsOf(missions));
    expect(await ledgerProblems(app)).toEqual([]);

    const [ratings] = await app.dataSource.query(
      `SELECT count(*) FILTER (WHERE published_at IS NOT NULL)::int AS published, count(*) FILTER (WHERE hidden_at IS NOT NULL)::int AS hidden
       FROM ratings`,
    );
    expect(ratings).toEqual({ published: statusCount('COMPLETED') * 2, hidden: 3 });
    expect(await reputationsNotMatchingTheirRatings(app)).toEqual([]);
    const providerIds: string[] = (await app.dataSource.query(`SELECT user_id FROM provider_profiles`)).map(
      (row: { user_id: string }) => row.user_id,
    );
    expect(await Promise.all(providerIds.map((id) => reputationShownFor(app, id)))).toEqual(
      await Promise.all(providerIds.map((id) => reputationFromRatings(app, id))),
    );
    // Each completion without an invoice also writes the client's receipt and two notices (with their emails): 29 s → 36 s on a loaded machine.
  }, 60_000);
});

/** Every GraphQL answer from now on, the builders' own calls included, kept to prove none was a server error. */
function recordEveryResponse(app: TestApp, responses: GraphQLResponse[]): void {
  const send = app.graphql.bind(app);
  app.graphql = async <T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string) => {
    const response = await send<T>(query, variables, token);
    responses.push(response as GraphQLResponse);
    return response;
  };
}

function missionInput(index: number) {
  return {
    title: `Monter une armoire PAX n°${index}`,
    description: 'Armoire IKEA PAX de 2 m à monter dans une chambre, outils sur place.',
    category: 'FURNITURE_ASSEMBLY',
    location: { address: `${index + 1} rue Oberkampf`, city: 'Paris', postcode: '75011', latitude: 48.864716, longitude: 2.371387 },
  };
}

function bidInput(missionId: string, amountCents: number) {
  return { missionId, amountCents, message: 'Disponible samedi matin, je viens avec mes outils.', estimatedHours: 3 };
}

/** { missionId: 1, … } for each mission: what "exactly one per mission" looks like. */
function countsOf(missions: { id: string }[]): Record<string, number> {
  return Object.fromEntries(missions.map((mission) => [mission.id, 1]));
}

function stripeMovementsPerMission(app: TestApp, type: 'transfer' | 'refund'): Record<string, number> {
  return tally(app.stripe.objects(type).map((object) => (object.metadata as Record<string, string>).missionId));
}

function paymentIntentsPerMission(app: TestApp): Record<string, number> {
  return tally(app.stripe.objects('payment_intent').map((intent) => (intent.metadata as Record<string, string>).missionId));
}

function tally(keys: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

function missionsWhoseBidCountIsWrong(app: TestApp): Promise<unknown[]> {
  return app.dataSource.query(
    `SELECT m.id, m.bid_count, count(b.id) FILTER (WHERE b.status IN ('PENDING', 'ACCEPTED'))::int AS live_bids
     FROM missions m LEFT JOIN bids b ON b.mission_id = m.id
     GROUP BY m.id HAVING m.bid_count <> count(b.id) FILTER (WHERE b.status IN ('PENDING', 'ACCEPTED'))`,
  );
}

/** One ACCEPTED bid per assigned mission, the one the mission names, from the provider it names; none elsewhere. */
function assignmentsNotMatchingTheirAcceptedBid(app: TestApp): Promise<unknown[]> {
  return app.dataSource.query(
    `SELECT m.id, m.status, m.accepted_bid_id, m.assigned_provider_id,
            array_agg(b.id) FILTER (WHERE b.status = 'ACCEPTED') AS accepted_bids
     FROM missions m LEFT JOIN bids b ON b.mission_id = m.id
     GROUP BY m.id
     HAVING (m.accepted_bid_id IS NULL AND count(b.id) FILTER (WHERE b.status = 'ACCEPTED') <> 0)
         OR (m.accepted_bid_id IS NOT NULL AND (
               count(b.id) FILTER (WHERE b.status = 'ACCEPTED') <> 1
            OR count(b.id) FILTER (WHERE b.status = 'ACCEPTED' AND b.id = m.accepted_bid_id AND b.provider_id = m.assigned_provider_id) <> 1))`,
  );
}

/** A payment for the accepted bid of every assigned mission, and only for them. */
function assignedMissionsWithoutExactlyOnePayment(app: TestApp): Promise<unknown[]> {
  return app.dataSource.query(
    `SELECT m.id, m.accepted_bid_id, array_agg(p.bid_id) FILTER (WHERE p.id IS NOT NULL) AS paid_bids
     FROM missions m LEFT JOIN payments p ON p.mission_id = m.id
     GROUP BY m.id
     HAVING count(p.id) <> (CASE WHEN m.accepted_bid_id IS NULL THEN 0 ELSE 1 END)
         OR count(p.id) FILTER (WHERE p.bid_id = m.accepted_bid_id AND p.provider_id = m.assigned_provider_id) <> count(p.id)`,
  );
}

function completedMissionsWithoutExactlyOneTransferredPayout(app: TestApp): Promise<unknown[]> {
  return app.dataSource.query(
    `SELECT m.id, array_agg(o.status) FILTER (WHERE o.id IS NOT NULL) AS payouts
     FROM missions m LEFT JOIN payouts o ON o.mission_id = m.id
     WHERE m.status = 'COMPLETED'
     GROUP BY m.id
     HAVING count(o.id) <> 1 OR count(o.id) FILTER (WHERE o.status = 'TRANSFERRED' AND o.stripe_transfer_id IS NOT NULL) <> 1`,
  );
}

const REPUTATION = `query ($id: ID!) { user(id: $id) { reputation { asProvider { count average } asClient { count average } } } }`;

async function reputationShownFor(app: TestApp, userId: string): Promise<unknown> {
  return (await app.graphql(REPUTATION, { id: userId })).data!.user.reputation;
}

/** What a user's reputation must be: count and mean (2 decimals) of the published, not hidden ratings they received, per role. */
async function reputationFromRatings(app: TestApp, userId: string): Promise<unknown> {
  const rows: { role: string; count: number; average: string | null }[] = await app.dataSource.query(
    `SELECT role::text, count(*)::int AS count, round(avg(score), 2)::text AS average FROM ratings
     WHERE subject_id = $1 AND published_at IS NOT NULL AND hidden_at IS NULL GROUP BY role`,
    [userId],
  );
  const summary = (role: string) => {
    const row = rows.find((candidate) => candidate.role === role);
    return row ? { count: row.count, average: Number(row.average) } : { count: 0, average: null };
  };
  return { asProvider: summary('PROVIDER'), asClient: summary('CLIENT') };
}

/** Each user's reputation row against the count and sum of the published, not hidden ratings they received. */
function reputationsNotMatchingTheirRatings(app: TestApp): Promise<unknown[]> {
  return app.dataSource.query(
    `WITH received AS (
       SELECT subject_id,
              count(*) FILTER (WHERE role = 'PROVIDER') AS provider_count,
              coalesce(sum(score) FILTER (WHERE role = 'PROVIDER'), 0) AS provider_sum,
              count(*) FILTER (WHERE role = 'CLIENT') AS client_count,
              coalesce(sum(score) FILTER (WHERE role = 'CLIENT'), 0) AS client_sum
       FROM ratings WHERE published_at IS NOT NULL AND hidden_at IS NULL GROUP BY subject_id)
     SELECT u.id, r.as_provider_count, r.as_provider_score_sum, r.as_client_count, r.as_client_score_sum,
            e.provider_count, e.provider_sum, e.client_count, e.client_sum
     FROM users u LEFT JOIN reputations r ON r.user_id = u.id LEFT JOIN received e ON e.subject_id = u.id
     WHERE coalesce(r.as_provider_count, 0) <> coalesce(e.provider_count, 0)
        OR coalesce(r.as_provider_score_sum, 0) <> coalesce(e.provider_sum, 0)
        OR coalesce(r.as_client_count, 0) <> coalesce(e.client_count, 0)
        OR coalesce(r.as_client_score_sum, 0) <> coalesce(e.client_sum, 0)`,
  );
}
