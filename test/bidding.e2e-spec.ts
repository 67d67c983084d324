import { randomUUID } from 'node:crypto';
import { aSignedInUser, SignedInUser } from './support/accounts.builders';
import { aBid, aBidInput, aMission, aProvider, BID_FIELDS } from './support/marketplace.builders';
import { errorCodes, TestApp } from './support/test-app';

const PLACE = `mutation ($input: PlaceBidInput!) { placeBid(input: $input) { ${BID_FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateBidInput!) { updateBid(id: $id, input: $input) { ${BID_FIELDS} } }`;
const WITHDRAW = `mutation ($id: ID!) { withdrawBid(id: $id) { id status } }`;
const ACCEPT = `mutation ($id: ID!) { acceptBid(id: $id) { id status bidCount address acceptedBid { id status } } }`;
const MISSION_BIDS = `query ($id: ID!) {
  mission(id: $id) {
    id status bidCount
    bids { edges { node { id amountCents status platformFeeCents providerReceivesCents provider { id displayName isIdentityVerified } } } }
    myBid { id status }
    acceptedBid { id }
  }
}`;

describe('sealed bids', () => {
  let app: TestApp;
  let client: SignedInUser;
  let provider: SignedInUser;
  let otherProvider: SignedInUser;

  beforeAll(async () => {
    app = await TestApp.start();
    [client, provider, otherProvider] = await Promise.all([
      aSignedInUser(app, { displayName: 'Claire Dubois' }),
      aProvider(app),
      aProvider(app),
    ]);
  });
  afterAll(() => app.close());

  async function missionAs(missionId: string, user?: SignedInUser) {
    const response = await app.graphql(MISSION_BIDS, { id: missionId }, user?.accessToken);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!.mission;
  }

  async function bidRows(missionId: string): Promise<{ status: string; amount_cents: number }[]> {
    return app.dataSource.query(`SELECT status, amount_cents FROM bids WHERE mission_id = $1 ORDER BY created_at`, [missionId]);
  }

  it('lets a verified provider bid the price they choose, and shows them the fee and what they receive', async () => {
    const missionId = await aMission(app, client);
    const response = await app.graphql(
      PLACE,
      { input: aBidInput(missionId, { amountCents: 12_345, estimatedHours: 2.5 }) },
      provider.accessToken,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.placeBid).toMatchObject({
      amountCents: 12_345,
      currency: 'EUR',
      platformFeeCents: 1235,
      providerReceivesCents: 11_110,
      estimatedHours: 2.5,
      status: 'PENDING',
      provider: { id: provider.id, isIdentityVerified: true },
      mission: { id: missionId, status: 'OPEN' },
    });
    expect((await missionAs(missionId, client)).bidCount).toBe(1);
  });

  it('keeps bids sealed: the client sees every bid with its provider, a provider only their own, others none', async () => {
    const missionId = await aMission(app, client);
    const mine = await aBid(app, provider, missionId, { amountCents: 10_000 });
    const theirs = await aBid(app, otherProvider, missionId, { amountCents: 9_000 });

    const asClient = await missionAs(missionId, client);
    expect(asClient.bidCount).toBe(2);
    expect(asClient.bids.edges.map((edge: any) => edge.node.id).sort()).toEqual([mine, theirs].sort());
    const clientView = asClient.bids.edges.find((edge: any) => edge.node.id === mine).node;
    expect(clientView).toMatchObject({ amountCents: 10_000, platformFeeCents: null, providerReceivesCents: null });
    expect(clientView.provider).toEqual({ id: provider.id, displayName: 'Karim Benali', isIdentityVerified: true });
    expect(asClient.myBid).toBeNull();

    const asProvider = await missionAs(missionId, provider);
    expect(asProvider.bids.edges.map((edge: any) => edge.node.id)).toEqual([mine]);
    expect(asProvider.myBid).toEqual({ id: mine, status: 'PENDING' });
    expect(asProvider.bidCount).toBe(2);

    const stranger = await aSignedInUser(app);
    expect((await missionAs(missionId, stranger)).bids.edges).toEqual([]);
    expect((await missionAs(missionId)).bids.edges).toEqual([]);
    const provider3 = await aProvider(app);
    expect((await missionAs(missionId, provider3)).bids.edges).toEqual([]);
  });

  it('lists a provider their own bids, newest first, by status', async () => {
    const newcomer = await aProvider(app);
    const first = await aBid(app, newcomer, await aMission(app, client));
    const second = await aBid(app, newcomer, await aMission(app, client));
    await app.graphql(WITHDRAW, { id: first }, newcomer.accessToken);
    const all = await app.graphql(
      `{ myBids { edges { node { id status mission { id } } } pageInfo { hasNextPage } } }`,
      {},
      newcomer.accessToken,
    );
    expect(all.data!.myBids.edges.map((edge: any) => [edge.node.id, edge.node.status])).toEqual([
      [second, 'PENDING'],
      [first, 'WITHDRAWN'],
    ]);
    const pending = await app.graphql(`{ myBids(status: PENDING) { edges { node { id } } } }`, {}, newcomer.accessToken);
    expect(pending.data!.myBids.edges.map((edge: any) => edge.node.id)).toEqual([second]);
  });

  it('lets the provider change a pending bid, and nobody else', async () => {
    const missionId = await aMission(app, client);
    const bidId = await aBid(app, provider, missionId);
    const changed = await app.graphql(
      UPDATE,
      { id: bidId, input: { amountCents: 15_000, message: 'Finalement deux passages.', estimatedHours: null } },
      provider.accessToken,
    );
    expect(changed.data!.updateBid).toMatchObject({
      amountCents: 15_000,
      message: 'Finalement deux passages.',
      estimatedHours: null,
      platformFeeCents: 1500,
    });

    const byOther = await app.graphql(UPDATE, { id: bidId, input: { amountCents: 500 } }, otherProvider.accessToken);
    expect(errorCodes(byOther)).toEqual(['FORBIDDEN']);
    const byClient = await app.graphql(UPDATE, { id: bidId, input: { amountCents: 500 } }, client.accessToken);
    expect(errorCodes(byClient)).toEqual(['FORBIDDEN']);
    expect(await bidRows(missionId)).toEqual([{ status: 'PENDING', amount_cents: 15_000 }]);
  });

  it('lets the provider withdraw a pending bid, then bid again', async () => {
    const missionId = await aMission(app, client);
    const bidId = await aBid(app, provider, missionId);
    expect((await app.graphql(WITHDRAW, { id: bidId }, otherProvider.accessToken)).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await app.graphql(WITHDRAW, { id: bidId }, provider.accessToken)).data!.withdrawBid.status).toBe('WITHDRAWN');
    expect((await missionAs(missionId, client)).bidCount).toBe(0);
    expect(errorCodes(await app.graphql(WITHDRAW, { id: bidId }, provider.accessToken))).toEqual(['CONFLICT']);
    expect(errorCodes(await app.graphql(UPDATE, { id: bidId, input: { amountCents: 900 } }, provider.accessToken))).toEqual(['CONFLICT']);

    const again = await aBid(app, provider, missionId, { amountCents: 11_000 });
    const asProvider = await missionAs(missionId, provider);
    expect(asProvider.myBid).toEqual({ id: again, status: 'PENDING' });
    expect(asProvider.bidCount).toBe(1);
  });

  describe('acceptance', () => {
    it('accepts one bid, declines the others and assigns the mission, in one step', async () => {
      const missionId = await aMission(app, client);
      const chosen = await aBid(app, provider, missionId);
      const other = await aBid(app, otherProvider, missionId);
      const response = await app.graphql(ACCEPT, { id: chosen }, client.accessToken);
      expect(response.errors).toBeUndefined();
      expect(response.data!.acceptBid).toEqual({
        id: missionId,
        status: 'ASSIGNED',
        bidCount: 1,
        address: '12 rue Oberkampf',
        acceptedBid: { id: chosen, status: 'ACCEPTED' },
      });
      const asClient = await missionAs(missionId, client);
      const statuses = Object.fromEntries(asClient.bids.edges.map((edge: any) => [edge.node.id, edge.node.status]));
      expect(statuses).toEqual({ [chosen]: 'ACCEPTED', [other]: 'DECLINED' });

      const asAssigned = await app.graphql(
        `query ($id: ID!) { mission(id: $id) { address acceptedBid { id } } }`,
        { id: missionId },
        provider.accessToken,
      );
      expect(asAssigned.data!.mission).toEqual({ address: '12 rue Oberkampf', acceptedBid: { id: chosen } });
      const asDeclined = await app.graphql(
        `query ($id: ID!) { mission(id: $id) { address acceptedBid { id } myBid { status } } }`,
        { id: missionId },
        otherProvider.accessToken,
      );
      expect(asDeclined.data!.mission).toEqual({ address: null, acceptedBid: null, myBid: { status: 'DECLINED' } });
    });

    it("shows each party the other one's phone once a bid between them is accepted", async () => {
      const caller = await aSignedInUser(app);
      const bidder = await aProvider(app);
      await app.graphql(`mutation { updateProfile(input: { phone: "06 12 34 56 78" }) { id } }`, {}, caller.accessToken);
      await app.graphql(`mutation { updateProfile(input: { phone: "07 98 76 54 32" }) { id } }`, {}, bidder.accessToken);
      const phoneOf = async (user: SignedInUser, viewer: SignedInUser) =>
        (await app.graphql(`query ($id: ID!) { user(id: $id) { phone } }`, { id: user.id }, viewer.accessToken)).data!.user.phone;

      const missionId = await aMission(app, caller);
      const bidId = await aBid(app, bidder, missionId);
      expect(await phoneOf(caller, bidder)).toBeNull();
      expect(await phoneOf(bidder, caller)).toBeNull();
      await app.graphql(ACCEPT, { id: bidId }, caller.accessToken);
      expect(await phoneOf(caller, bidder)).toBe('+33612345678');
      expect(await phoneOf(bidder, caller)).toBe('+33798765432');
      expect(await phoneOf(caller, otherProvider)).toBeNull();
    });

    it('refuses accepting as anyone but the client, a withdrawn bid, or on a mission no longer open', async () => {
      const missionId = await aMission(app, client);
      const withdrawn = await aBid(app, provider, missionId);
      await app.graphql(WITHDRAW, { id: withdrawn }, provider.accessToken);
      expect(errorCodes(await app.graphql(ACCEPT, { id: withdrawn }, client.accessToken))).toEqual(['CONFLICT']);

      const live = await aBid(app, otherProvider, missionId);
      expect(errorCodes(await app.graphql(ACCEPT, { id: live }, otherProvider.accessToken))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await app.graphql(ACCEPT, { id: live }))).toEqual(['UNAUTHENTICATED']);
      expect(errorCodes(await app.graphql(ACCEPT, { id: randomUUID() }, client.accessToken))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await app.graphql(ACCEPT, { id: 'bid-1' }, client.accessToken))).toEqual(['BAD_USER_INPUT']);
      expect((await missionAs(missionId, client)).status).toBe('OPEN');

      await app.graphql(ACCEPT, { id: live }, client.accessToken);
      const late = await aProvider(app);
      expect(errorCodes(await app.graphql(PLACE, { input: aBidInput(missionId) }, late.accessToken))).toEqual(['CONFLICT']);
      expect(errorCodes(await app.graphql(ACCEPT, { id: live }, client.accessToken))).toEqual(['CONFLICT']);
    });

    it('lets exactly one of 20 concurrent accepts on one mission win', async () => {
      const missionId = await aMission(app, client);
      const bidders = [provider, otherProvider, await aProvider(app), await aProvider(app)];
      const bidIds = await Promise.all(bidders.map((bidder) => aBid(app, bidder, missionId)));
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => app.graphql(ACCEPT, { id: bidIds[i % bidIds.length] }, client.accessToken)),
      );

      const winners = responses.filter((response) => response.data?.acceptBid);
      expect(winners).toHaveLength(1);
      expect(responses.filter((response) => !response.data?.acceptBid).flatMap(errorCodes)).toEqual(Array(19).fill('CONFLICT'));
      const rows = await bidRows(missionId);
      expect(rows.filter((row) => row.status === 'ACCEPTED')).toHaveLength(1);
      expect(rows.filter((row) => row.status === 'DECLINED')).toHaveLength(3);
      const mission = await missionAs(missionId, client);
      expect(mission).toMatchObject({ status: 'ASSIGNED', bidCount: 1, acceptedBid: { id: winners[0].data!.acceptBid.acceptedBid.id } });
    });
  });

  describe('who may bid, and on what', () => {
    it('refuses a client without a provider profile', async () => {
      const missionId = await aMission(app, client);
      const plainUser = await aSignedInUser(app);
      expect(errorCodes(await app.graphql(PLACE, { input: aBidInput(missionId) }, plainUser.accessToken))).toEqual(['FORBIDDEN']);
      expect(await bidRows(missionId)).toEqual([]);
    });

    it('refuses a provider whose identity is not verified', async () => {
      const missionId = await aMission(app, client);
      const unverified = await aProvider(app, { verified: false });
      const response = await app.graphql(PLACE, { input: aBidInput(missionId) }, unverified.accessToken);
      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
      expect(response.errors![0].message).toMatch(/identity/i);
      expect(await bidRows(missionId)).toEqual([]);
    });

    it("refuses a bid on one's own mission, a cancelled one, or one that does not exist", async () => {
      const ownMission = await aMission(app, provider);
      expect(errorCodes(await app.graphql(PLACE, { input: aBidInput(ownMission) }, provider.accessToken))).toEqual(['FORBIDDEN']);

      const cancelled = await aMission(app, client);
      await app.graphql(`mutation ($id: ID!) { cancelMission(id: $id) { status } }`, { id: cancelled }, client.accessToken);
      expect(errorCodes(await app.graphql(PLACE, { input: aBidInput(cancelled) }, provider.accessToken))).toEqual(['CONFLICT']);
      expect(errorCodes(await app.graphql(PLACE, { input: aBidInput(randomUUID()) }, provider.accessToken))).toEqual(['NOT_FOUND']);
      expect(await bidRows(ownMission)).toEqual([]);
      expect(await bidRows(cancelled)).toEqual([]);
    });

    it('refuses a second live bid by the same provider', async () => {
      const missionId = await aMission(app, client);
      await aBid(app, provider, missionId);
      expect(errorCodes(await app.graphql(PLACE, { input: aBidInput(missionId, { amountCents: 700 }) }, provider.accessToken))).toEqual([
        'CONFLICT',
      ]);
      expect(await bidRows(missionId)).toEqual([{ status: 'PENDING', amount_cents: 12_000 }]);
      expect((await missionAs(missionId, client)).bidCount).toBe(1);
    });

    it('keeps one bid when the same provider bids 20 times at once', async () => {
      const missionId = await aMission(app, client);
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => app.graphql(PLACE, { input: aBidInput(missionId) }, provider.accessToken)),
      );
      expect(responses.filter((response) => response.data?.placeBid)).toHaveLength(1);
      expect(responses.flatMap(errorCodes)).toEqual(Array(19).fill('CONFLICT'));
      expect(await bidRows(missionId)).toHaveLength(1);
      expect((await missionAs(missionId, client)).bidCount).toBe(1);
    });

    it.each([
      ['an amount under 500 cents', { amountCents: 499 }],
      ['an amount over 1,000,000 cents', { amountCents: 1_000_001 }],
      ['a negative amount', { amountCents: -1000 }],
      ['a fractional amount', { amountCents: 1000.5 }],
      ['a message of 9 characters', { message: 'Dispo demain'.slice(0, 9) }],
      ['a message of 2001 characters', { message: 'x'.repeat(2001) }],
      ['0.2 estimated hours', { estimatedHours: 0.2 }],
      ['201 estimated hours', { estimatedHours: 201 }],
      ['a mission id that is not a UUID', { missionId: 'mission-1' }],
    ])('refuses %s and changes nothing', async (_case, overrides) => {
      const missionId = await aMission(app, client);
      const response = await app.graphql(PLACE, { input: { ...aBidInput(missionId), ...overrides } }, provider.accessToken);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(await bidRows(missionId)).toEqual([]);
      expect((await missionAs(missionId, client)).bidCount).toBe(0);
    });

    it('refuses a bad change to a bid and keeps the bid as it was', async () => {
      const missionId = await aMission(app, client);
      const bidId = await aBid(app, provider, missionId);
      for (const input of [{ amountCents: 100 }, { amountCents: null }, { message: 'court' }, { message: null }, { estimatedHours: 500 }]) {
        expect(errorCodes(await app.graphql(UPDATE, { id: bidId, input }, provider.accessToken))).toEqual(['BAD_USER_INPUT']);
      }
      expect(await bidRows(missionId)).toEqual([{ status: 'PENDING', amount_cents: 12_000 }]);
    });
  });
});

describe('bidding without identity verification (BIDDING_REQUIRES_VERIFIED_IDENTITY=false)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ BIDDING_REQUIRES_VERIFIED_IDENTITY: 'false' });
  });
  afterAll(() => app.close());

  it('lets a provider whose identity is not verified bid', async () => {
    const client = await aSignedInUser(app);
    const unverified = await aProvider(app, { verified: false });
    const response = await app.graphql(PLACE, { input: aBidInput(await aMission(app, client)) }, unverified.accessToken);
    expect(response.data!.placeBid).toMatchObject({ status: 'PENDING', provider: { id: unverified.id, isIdentityVerified: false } });
  });
});
