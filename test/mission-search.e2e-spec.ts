import { randomBytes, randomUUID } from 'node:crypto';
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { aBid, aMission, aProvider, MISSION_FIELDS } from './support/marketplace.builders';
import { errorCodes, GraphQLResponse, TestApp } from './support/test-app';

const SEARCH = `query ($filter: MissionFilter, $first: Int, $after: String) {
  missions(filter: $filter, first: $first, after: $after) { edges { cursor node { ${MISSION_FIELDS} } } pageInfo { hasNextPage endCursor } } }`;
const MISSION = `query ($id: ID!) { mission(id: $id) { id } }`;
const CANCEL = `mutation ($id: ID!) { cancelMission(id: $id) { id status } }`;
const ACCEPT = `mutation ($id: ID!) { acceptBid(id: $id) { id status } }`;
const HIDE = `mutation ($id: ID!, $reason: String!) { hideMission(id: $id, reason: $reason) { id } }`;

/** Real places; each mission's exact point is what its client typed, its public point that rounded to 2 decimals. */
const BASTILLE = { latitude: 48.8532, longitude: 2.3692 };
const NATION = { latitude: 48.8483, longitude: 2.3957 };
const VERSAILLES = { latitude: 48.8049, longitude: 2.1204 };
const LYON = { latitude: 45.764, longitude: 4.8357 };

/** earthdistance's sphere: `SELECT earth()` is 6378168 metres. */
const EARTH_RADIUS_KM = 6378.168;

interface Point {
  latitude: number;
  longitude: number;
}

interface MissionNode {
  id: string;
  title: string;
  status: string;
  category: string;
  createdAt: string;
  distanceKm: number | null;
  address: string | null;
  exactLocation: Point | null;
  location: Point & { city: string; postcode: string };
}

function greatCircleKm(from: Point, to: Point): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLatitude = radians(to.latitude - from.latitude);
  const dLongitude = radians(to.longitude - from.longitude);
  const h =
    Math.sin(dLatitude / 2) ** 2 + Math.cos(radians(from.latitude)) * Math.cos(radians(to.latitude)) * Math.sin(dLongitude / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}

function publicPointOf(point: Point): Point {
  return { latitude: Math.round(point.latitude * 100) / 100, longitude: Math.round(point.longitude * 100) / 100 };
}

/** A made-up word, put in a test's missions' descriptions so that a text filter finds that test's missions only. */
function aTag(): string {
  const letters = 'bcdfghjkmnpqrstvwxz';
  return 'zq' + Array.from(randomBytes(8), (byte) => letters[byte % letters.length]).join('');
}

function descriptionWith(tag: string): string {
  return `Petit travail à faire rapidement, référence ${tag}, merci d'avance.`;
}

function locationAt(point: Point, city = 'Paris', postcode = '75011') {
  return { address: '8 place de la Bastille', city, postcode, ...point };
}

/** A cursor as this API builds them: the sort key of the last row seen, JSON in base64url. */
function cursorOf(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function nodesOf(response: GraphQLResponse): MissionNode[] {
  if (!response.data) throw new Error(`missions failed: ${JSON.stringify(response.errors)}`);
  return response.data.missions.edges.map((edge: { node: MissionNode }) => edge.node);
}

function idsOf(response: GraphQLResponse): string[] {
  return nodesOf(response).map((node) => node.id);
}

describe('searching missions', () => {
  let app: TestApp;
  let client: SignedInUser;
  let provider: SignedInUser;

  beforeAll(async () => {
    app = await TestApp.start();
    client = await aSignedInUser(app);
    provider = await aProvider(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const search = (variables: Record<string, unknown>, token?: string) => app.graphql(SEARCH, variables, token);

  const aTaggedMission = (tag: string, overrides: Record<string, unknown> = {}, owner = client) =>
    aMission(app, owner, { description: descriptionWith(tag), ...overrides });

  describe('filters', () => {
    it('lists open missions by default; cancelled and assigned ones only when asked for by status', async () => {
      const tag = aTag();
      const open = await aTaggedMission(tag, { title: 'Mission encore ouverte' });
      const cancelled = await aTaggedMission(tag, { title: 'Mission annulée par le client' });
      const assigned = await aTaggedMission(tag, { title: 'Mission confiée à un prestataire' });
      expect((await app.graphql(CANCEL, { id: cancelled }, client.accessToken)).data?.cancelMission.status).toBe('CANCELLED');
      const bid = await aBid(app, provider, assigned);
      expect((await app.graphql(ACCEPT, { id: bid }, client.accessToken)).data?.acceptBid.status).toBe('ASSIGNED');

      expect(idsOf(await search({ filter: { text: tag } }))).toEqual([open]);
      expect(idsOf(await search({ filter: { text: tag, status: 'OPEN' } }))).toEqual([open]);
      expect(idsOf(await search({ filter: { text: tag, status: 'CANCELLED' } }))).toEqual([cancelled]);
      expect(idsOf(await search({ filter: { text: tag, status: 'ASSIGNED' } }))).toEqual([assigned]);
      expect(nodesOf(await search({ filter: { text: tag, status: 'CANCELLED' } }))[0].status).toBe('CANCELLED');
    });

    it('keeps to the category asked for', async () => {
      const tag = aTag();
      const hedge = await aTaggedMission(tag, { title: 'Tailler une haie de thuyas', category: 'GARDENING' });
      const boxes = await aTaggedMission(tag, { title: 'Porter des cartons au 5e étage', category: 'MOVING' });
      const lawn = await aTaggedMission(tag, { title: 'Tondre une pelouse de 200 m²', category: 'GARDENING' });

      const gardening = nodesOf(await search({ filter: { text: tag, category: 'GARDENING' } }));
      expect(gardening.map((node) => node.id)).toEqual([lawn, hedge]);
      expect(gardening.every((node) => node.category === 'GARDENING')).toBe(true);
      expect(idsOf(await search({ filter: { text: tag, category: 'MOVING' } }))).toEqual([boxes]);
      expect(idsOf(await search({ filter: { text: tag, category: 'TUTORING' } }))).toEqual([]);
    });

    it('never lists a mission a moderator hid, whatever the filter and whoever asks', async () => {
      const tag = aTag();
      const moderator = await aUserWithRole(app, 'MODERATOR');
      const kept = await aTaggedMission(tag, { title: 'Réparer une chasse d’eau', location: locationAt(BASTILLE) });
      const hidden = await aTaggedMission(tag, { title: 'Annonce douteuse à masquer', location: locationAt(BASTILLE) });
      expect((await app.graphql(HIDE, { id: hidden, reason: 'Paiement hors plateforme demandé' }, moderator.accessToken)).data).toEqual({
        hideMission: { id: hidden },
      });

      for (const filter of [
        { text: tag },
        { text: tag, status: 'OPEN' },
        { text: tag, category: 'FURNITURE_ASSEMBLY' },
        { text: tag, near: BASTILLE, radiusKm: 5 },
      ]) {
        for (const token of [undefined, client.accessToken, moderator.accessToken]) {
          expect(idsOf(await search({ filter }, token))).toEqual([kept]);
        }
      }
      expect((await app.graphql(MISSION, { id: hidden })).data?.mission).toBeNull();
    });
  });

  describe('full-text search', () => {
    it('finds French words in another form: "peintures" finds a "Peinture", "déménager" a "déménagement"', async () => {
      const painting = await aMission(app, client, {
        title: "Peinture d'un salon",
        description: 'Deux couches sur les murs et le plafond, environ 25 m², matériel fourni.',
        category: 'HANDYMAN',
      });
      const moving = await aMission(app, client, {
        title: 'Aide pour un déménagement',
        description: 'Un studio au 3e sans ascenseur, une vingtaine de cartons et un canapé.',
        category: 'MOVING',
      });

      expect(idsOf(await search({ filter: { text: 'peintures' } }))).toEqual([painting]);
      expect(idsOf(await search({ filter: { text: 'Peinture' } }))).toEqual([painting]);
      expect(idsOf(await search({ filter: { text: 'déménager' } }))).toEqual([moving]);
      expect(idsOf(await search({ filter: { text: 'déménagements' } }))).toEqual([moving]);
    });

    it('finds English words in another form: "garden" finds "Gardening"', async () => {
      const gardening = await aMission(app, client, {
        title: 'Gardening for a small courtyard',
        description: 'Weeding, pruning two rose bushes and sweeping the paving stones.',
        category: 'GARDENING',
      });

      expect(idsOf(await search({ filter: { text: 'garden' } }))).toEqual([gardening]);
      expect(idsOf(await search({ filter: { text: 'pruned roses' } }))).toEqual([gardening]);
    });

    it('searches the description as well as the title', async () => {
      const tag = aTag();
      const aquarium = await aMission(app, client, {
        title: 'Un coup de main à la maison',
        description: `Vider et nettoyer un aquarium de 200 litres, puis le remettre en eau. ${tag}`,
        category: 'OTHER',
      });

      expect(idsOf(await search({ filter: { text: 'aquarium' } }))).toEqual([aquarium]);
      expect(idsOf(await search({ filter: { text: `aquariums ${tag}` } }))).toEqual([aquarium]);
    });

    it('finds nothing for a word no mission contains', async () => {
      await aMission(app, client);
      expect(nodesOf(await search({ filter: { text: 'xylophone' } }))).toEqual([]);
      const response = await search({ filter: { text: aTag() } });
      expect(response.data?.missions).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    });
  });

  describe('near a point', () => {
    it('lists the nearest missions first, within the radius, with distances computed on the public point', async () => {
      const tag = aTag();
      const atBastille = await aTaggedMission(tag, { title: 'Fixer des étagères à Bastille', location: locationAt(BASTILLE) });
      const inLyon = await aTaggedMission(tag, { title: 'Monter un lit à Lyon', location: locationAt(LYON, 'Lyon', '69002') });
      const inVersailles = await aTaggedMission(tag, {
        title: 'Monter un bureau à Versailles',
        location: locationAt(VERSAILLES, 'Versailles', '78000'),
      });
      const atNation = await aTaggedMission(tag, { title: 'Poser une tringle à Nation', location: locationAt(NATION, 'Paris', '75012') });

      const within30 = nodesOf(await search({ filter: { text: tag, near: BASTILLE, radiusKm: 30 } }));
      expect(within30.map((node) => node.id)).toEqual([atBastille, atNation, inVersailles]);
      const exactPoints = [BASTILLE, NATION, VERSAILLES];
      within30.forEach((node, index) => {
        const expected = greatCircleKm(BASTILLE, publicPointOf(exactPoints[index]));
        expect(Math.abs(node.distanceKm! - expected)).toBeLessThan(0.05);
        expect(Math.round(node.distanceKm! * 100) / 100).toBe(node.distanceKm);
      });
      // The search point is the mission's exact point: only the public (rounded) point gives a distance, about 360 m.
      expect(within30[0].distanceKm).toBeGreaterThan(0.3);
      expect(within30[2].distanceKm).toBeGreaterThan(18);
      expect(within30[2].distanceKm).toBeLessThan(21);

      expect(idsOf(await search({ filter: { text: tag, near: BASTILLE, radiusKm: 5 } }))).toEqual([atBastille, atNation]);
      expect(idsOf(await search({ filter: { text: tag, near: BASTILLE, radiusKm: 100 } }))).toEqual([atBastille, atNation, inVersailles]);
      expect(idsOf(await search({ filter: { text: tag, near: BASTILLE, radiusKm: 0.5 } }))).toEqual([atBastille]);
      const nearLyon = nodesOf(await search({ filter: { text: tag, near: LYON, radiusKm: 10 } }));
      expect(nearLyon.map((node) => node.id)).toEqual([inLyon]);
      expect(Math.abs(nearLyon[0].distanceKm! - greatCircleKm(LYON, publicPointOf(LYON)))).toBeLessThan(0.05);
    });

    it('combines the radius with the category and text filters', async () => {
      const tag = aTag();
      const cleaning = await aTaggedMission(tag, { title: 'Ménage de fin de bail', category: 'CLEANING', location: locationAt(NATION) });
      await aTaggedMission(tag, { title: 'Garder un chat une semaine', category: 'PET_CARE', location: locationAt(NATION) });
      await aTaggedMission(tag, { title: 'Ménage après travaux', category: 'CLEANING', location: locationAt(LYON, 'Lyon', '69002') });

      expect(idsOf(await search({ filter: { text: tag, category: 'CLEANING', near: BASTILLE, radiusKm: 10 } }))).toEqual([cleaning]);
    });

    it('gives no distance outside a search near a point', async () => {
      const tag = aTag();
      await aTaggedMission(tag, { location: locationAt(BASTILLE) });
      const nodes = nodesOf(await search({ filter: { text: tag } }));
      expect(nodes).toHaveLength(1);
      expect(nodes[0].distanceKm).toBeNull();
    });

    it('shows the exact address and point to the client only, the rounded location to everyone else', async () => {
      const tag = aTag();
      const exact = { latitude: 48.856613, longitude: 2.352222 };
      const id = await aTaggedMission(tag, {
        location: { address: '4 place de l’Hôtel de Ville', city: 'Paris', postcode: '75004', ...exact },
      });
      const stranger = await aSignedInUser(app);
      const filter = { text: tag, near: BASTILLE, radiusKm: 10 };

      for (const token of [undefined, stranger.accessToken, provider.accessToken]) {
        for (const variables of [{ filter }, { filter: { text: tag } }]) {
          const [node] = nodesOf(await search(variables, token));
          expect(node).toMatchObject({
            id,
            address: null,
            exactLocation: null,
            location: { city: 'Paris', postcode: '75004', latitude: 48.86, longitude: 2.35 },
          });
        }
      }
      const [own] = nodesOf(await search({ filter }, client.accessToken));
      expect(own).toMatchObject({
        id,
        address: '4 place de l’Hôtel de Ville',
        exactLocation: exact,
        location: { latitude: 48.86, longitude: 2.35 },
      });
    });
  });

  it('lists the newest missions first without a near point', async () => {
    const tag = aTag();
    const ids: string[] = [];
    for (const title of ['Première mission', 'Deuxième mission', 'Troisième mission']) ids.push(await aTaggedMission(tag, { title }));

    const nodes = nodesOf(await search({ filter: { text: tag } }));
    expect(nodes.map((node) => node.id)).toEqual([...ids].reverse());
    const times = nodes.map((node) => Date.parse(node.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  describe('pagination', () => {
    async function allPages(variables: Record<string, unknown>, first: number): Promise<string[][]> {
      const pages: string[][] = [];
      let after: string | null = null;
      for (;;) {
        const response = await search({ ...variables, first, after });
        pages.push(idsOf(response));
        if (!response.data?.missions.pageInfo.hasNextPage) return pages;
        after = response.data.missions.pageInfo.endCursor;
      }
    }

    it('pages through the newest first, each mission once, and a mission posted meanwhile does not shift the pages', async () => {
      const tag = aTag();
      const ids: string[] = [];
      for (let index = 1; index <= 7; index += 1) ids.push(await aTaggedMission(tag, { title: `Mission numéro ${index}` }));
      const newestFirst = [...ids].reverse();

      expect(await allPages({ filter: { text: tag } }, 3)).toEqual([
        newestFirst.slice(0, 3),
        newestFirst.slice(3, 6),
        newestFirst.slice(6),
      ]);

      const first = await search({ filter: { text: tag }, first: 3 });
      expect(idsOf(first)).toEqual(newestFirst.slice(0, 3));
      expect(first.data?.missions.pageInfo.hasNextPage).toBe(true);
      const posted = await aTaggedMission(tag, { title: 'Mission postée entre deux pages' });
      const second = await search({ filter: { text: tag }, first: 3, after: first.data?.missions.pageInfo.endCursor });
      expect(idsOf(second)).toEqual(newestFirst.slice(3, 6));
      expect(second.data?.missions.pageInfo.hasNextPage).toBe(true);
      const third = await search({ filter: { text: tag }, first: 3, after: second.data?.missions.pageInfo.endCursor });
      expect(idsOf(third)).toEqual(newestFirst.slice(6));
      expect(third.data?.missions.pageInfo).toEqual({ hasNextPage: false, endCursor: third.data?.missions.edges[0].cursor });

      expect(idsOf(await search({ filter: { text: tag }, first: 1 }))).toEqual([posted]);
    });

    it('pages through the nearest first, each mission once, and a nearer mission posted meanwhile does not shift the pages', async () => {
      const tag = aTag();
      const origin = { latitude: 48.87, longitude: 2.3 };
      // Public points 1, 2, 3, 3, 4, 5 and 6 hundredths of a degree north of the origin: two share a point, across a page boundary.
      const offsets = [0.01, 0.02, 0.03, 0.03, 0.04, 0.05, 0.06];
      const posted: { id: string; offset: number }[] = [];
      for (const offset of [...offsets].reverse()) {
        const id = await aTaggedMission(tag, {
          location: locationAt({ latitude: origin.latitude + offset + 0.001, longitude: origin.longitude }),
        });
        posted.push({ id, offset });
      }
      const nearestFirst = posted.sort((a, b) => a.offset - b.offset || (a.id < b.id ? -1 : 1)).map((mission) => mission.id);
      const filter = { text: tag, near: origin, radiusKm: 20 };

      expect(await allPages({ filter }, 3)).toEqual([nearestFirst.slice(0, 3), nearestFirst.slice(3, 6), nearestFirst.slice(6)]);

      const first = await search({ filter, first: 3 });
      expect(idsOf(first)).toEqual(nearestFirst.slice(0, 3));
      const nearer = await aTaggedMission(tag, { title: 'Mission au point même', location: locationAt(origin) });
      const second = await search({ filter, first: 3, after: first.data?.missions.pageInfo.endCursor });
      expect(idsOf(second)).toEqual(nearestFirst.slice(3, 6));
      const third = await search({ filter, first: 3, after: second.data?.missions.pageInfo.endCursor });
      expect(idsOf(third)).toEqual(nearestFirst.slice(6));
      expect(third.data?.missions.pageInfo.hasNextPage).toBe(false);

      const restarted = nodesOf(await search({ filter, first: 1 }));
      expect(restarted.map((node) => node.id)).toEqual([nearer]);
      expect(restarted[0].distanceKm).toBe(0);
    });

    it('gives an empty last page and no next page once everything was seen', async () => {
      const tag = aTag();
      const only = await aTaggedMission(tag);
      const page = await search({ filter: { text: tag }, first: 1 });
      expect(idsOf(page)).toEqual([only]);
      expect(page.data?.missions.pageInfo.hasNextPage).toBe(false);
      const beyond = await search({ filter: { text: tag }, first: 1, after: page.data?.missions.pageInfo.endCursor });
      expect(beyond.data?.missions).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    });
  });

  describe('bad input', () => {
    const near = BASTILLE;

    it.each<[string, Record<string, unknown>]>([
      ['a latitude of 91', { filter: { near: { latitude: 91, longitude: 2.35 }, radiusKm: 10 } }],
      ['a latitude of -91', { filter: { near: { latitude: -91, longitude: 2.35 }, radiusKm: 10 } }],
      ['a longitude of 181', { filter: { near: { latitude: 48.85, longitude: 181 }, radiusKm: 10 } }],
      ['a longitude of -181', { filter: { near: { latitude: 48.85, longitude: -181 }, radiusKm: 10 } }],
      ['a latitude that is not a number', { filter: { near: { latitude: 'north', longitude: 2.35 }, radiusKm: 10 } }],
      ['a radius of 0 km', { filter: { near, radiusKm: 0 } }],
      ['a negative radius', { filter: { near, radiusKm: -5 } }],
      ['a radius of 101 km', { filter: { near, radiusKm: 101 } }],
      ['a radius without a point', { filter: { radiusKm: 10 } }],
      ['a point without a radius', { filter: { near } }],
      ['first: 1000', { first: 1000 }],
      ['first: 101', { first: 101 }],
      ['first: 0', { first: 0 }],
      ['first: -1', { first: -1 }],
      ['first beyond a 32-bit integer', { first: 2 ** 40 }],
      ['a text of 201 characters', { filter: { text: 'a'.repeat(201) } }],
      ['an unknown category', { filter: { category: 'PLUMBING' } }],
      ['an unknown status', { filter: { status: 'ARCHIVED' } }],
      ['a cursor of random base64', { after: randomBytes(24).toString('base64') }],
      ['a cursor that is not base64 JSON', { after: 'not a cursor!' }],
      ['a cursor of JSON with the wrong types', { after: cursorOf(['x', 1]) }],
      ['a cursor of JSON that is not a list', { after: cursorOf({ createdAt: '2026-01-01T00:00:00.000Z' }) }],
      ['a cursor with too many values', { after: cursorOf(['2026-01-01T00:00:00.000Z', randomUUID(), 3]) }],
      ['a cursor whose id is not a UUID', { after: cursorOf(['2026-01-01T00:00:00.000Z', 'mission-1']) }],
      ['a cursor whose time is not a time', { after: cursorOf(['yesterday', randomUUID()]) }],
      ['a cursor whose time is an impossible date', { after: cursorOf(['2026-13-45T25:61:61.999Z', randomUUID()]) }],
      ['a near-order cursor whose id is not a UUID', { filter: { near, radiusKm: 10 }, after: cursorOf([0.001, 'mission-1']) }],
      ['a near-order cursor whose distance is a string', { filter: { near, radiusKm: 10 }, after: cursorOf(['0.001', randomUUID()]) }],
    ])('answers %s with BAD_USER_INPUT', async (_case, variables) => {
      const response = await search(variables);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.data?.missions ?? null).toBeNull();
    });

    it('answers an unknown category written in the query itself with BAD_USER_INPUT', async () => {
      const response = await app.graphql('{ missions(filter: { category: PLUMBING }) { edges { cursor } } }');
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    });

    it('answers a cursor of the other order with BAD_USER_INPUT or a sane page, never a server error', async () => {
      const tag = aTag();
      await aTaggedMission(tag, { location: locationAt(BASTILLE) });
      await aTaggedMission(tag, { location: locationAt(NATION) });
      const nearCursor = (await search({ filter: { text: tag, near, radiusKm: 10 }, first: 1 })).data?.missions.pageInfo.endCursor;
      const newestCursor = (await search({ filter: { text: tag }, first: 1 })).data?.missions.pageInfo.endCursor;
      expect(nearCursor).toEqual(expect.any(String));
      expect(newestCursor).toEqual(expect.any(String));

      for (const response of [
        await search({ filter: { text: tag }, first: 1, after: nearCursor }),
        await search({ filter: { text: tag, near, radiusKm: 10 }, first: 1, after: newestCursor }),
      ]) {
        if (response.errors) {
          expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
        } else {
          expect(response.data?.missions.edges.length).toBeLessThanOrEqual(1);
        }
      }
    });

    it.each(['l\'a & (|! "x -', '<script>alert(1)</script>', '%_\\', '🙂', 'a NUL \u0000 character', '   '])(
      'answers the text %j with results or BAD_USER_INPUT, never a server error',
      async (text) => {
        const response = await search({ filter: { text } });
        if (response.errors) expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
        else expect(response.data?.missions.edges).toEqual(expect.any(Array));
      },
    );

    it('answers a mission id that is not a UUID with BAD_USER_INPUT, and an unknown one with null', async () => {
      expect(errorCodes(await app.graphql(MISSION, { id: 'not-a-uuid' }))).toEqual(['BAD_USER_INPUT']);
      const unknown = await app.graphql(MISSION, { id: randomUUID() });
      expect(unknown.errors).toBeUndefined();
      expect(unknown.data).toEqual({ mission: null });
    });
  });
});
