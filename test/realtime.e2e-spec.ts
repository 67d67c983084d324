/**
 * Subscriptions over graphql-ws, as client apps hold them: two API instances on one database, an
 * event caused through one reaching a subscription held on the other (PostgreSQL LISTEN/NOTIFY);
 * nothing from a transaction that rolled back; sockets without a valid token closed with the
 * documented codes (docs/errors.md), at the token's expiry too; each subscriber seeing only what
 * they could query; the per-user, per-socket and per-document limits.
 */
import { Clock } from '@marketplace/common';
import { Transactions } from '@marketplace/database';
import { REALTIME_CLOSE, REALTIME_LIMITS, RealtimeEvents, RealtimeTopic } from '@marketplace/realtime';
import { createClient } from 'graphql-ws';
import { JwtService } from '@nestjs/jwt';
import WebSocket from 'ws';
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { aBid, aMission, aProvider } from './support/marketplace.builders';
import { LiveSubscription, subscribe, until } from './support/subscriptions';
import { TestApp } from './support/test-app';

const MISSION_UPDATED = `subscription ($id: ID!) { missionUpdated(id: $id) { id status bidCount address } }`;
const BID_UPDATED = `subscription ($id: ID!) { bidUpdated(id: $id) { id status platformFeeCents mission { id status } } }`;
const ACCEPT = `mutation ($id: ID!) { acceptBid(id: $id) { id status } }`;
const WITHDRAW = `mutation ($id: ID!) { withdrawBid(id: $id) { id status } }`;
const LOGOUT = `mutation ($token: String!) { logout(refreshToken: $token) }`;
const SUSPEND = `mutation ($id: ID!, $reason: String!) { suspendUser(id: $id, reason: $reason) { isSuspended } }`;
const CANCEL = `mutation ($id: ID!) { cancelMission(id: $id) { status } }`;
const HIDE = `mutation ($id: ID!, $reason: String!) { hideMission(id: $id, reason: $reason) { id } }`;
const MAX_SUBSCRIPTIONS = REALTIME_LIMITS.subscriptionsPerConnection;
const MAX_CONNECTIONS = REALTIME_LIMITS.connectionsPerUser;

const codesOf = (result: { errors?: { extensions: { code: string } }[] }) => (result.errors ?? []).map((error) => error.extensions.code);

describe('real time: GraphQL subscriptions over graphql-ws', () => {
  let a: TestApp;
  /** Another instance on A's database: subscriptions are held here, changes sent to A. */
  let b: TestApp;
  let client: SignedInUser;
  let provider: SignedInUser;
  const open: LiveSubscription[] = [];

  const held = (subscription: LiveSubscription) => {
    open.push(subscription);
    return subscription;
  };
  const onB = (token: string | null, query: string, variables: Record<string, unknown> = {}) =>
    held(subscribe(b.wsUrl, token, query, variables));
  /** The first result of a subscription on its own socket, which is then closed. */
  const firstResultOn = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
    const subscription = subscribe(b.wsUrl, token, query, variables);
    try {
      return await subscription.next();
    } finally {
      await subscription.close();
    }
  };
  const listening = (instance: TestApp, topic: string, count = 1) =>
    until(() => instance.app.get(RealtimeEvents).listenerCount(topic) === count);

  beforeAll(async () => {
    a = await TestApp.start();
    b = await a.anotherInstance();
    client = await aSignedInUser(a);
    provider = await aProvider(a);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await Promise.all(open.splice(0).map((subscription) => subscription.close()));
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  describe('across instances', () => {
    it('delivers a bid placed through instance A to the client subscribed on instance B, then the acceptance to both sides', async () => {
      const missionId = await aMission(a, client);
      const watch = onB(client.accessToken, MISSION_UPDATED, { id: missionId });
      await listening(b, RealtimeTopic.mission(missionId));

      const bidId = await aBid(a, provider, missionId);
      expect(await watch.next()).toEqual({
        data: { missionUpdated: { id: missionId, status: 'OPEN', bidCount: 1, address: expect.any(String) } },
      });

      const otherProvider = await aProvider(a);
      const otherBidId = await aBid(a, otherProvider, missionId);
      expect((await watch.next()).data?.missionUpdated.bidCount).toBe(2);

      const mine = onB(provider.accessToken, BID_UPDATED, { id: bidId });
      const declined = onB(otherProvider.accessToken, BID_UPDATED, { id: otherBidId });
      await listening(b, RealtimeTopic.bid(bidId));
      await listening(b, RealtimeTopic.bid(otherBidId));
      expect((await a.graphql(ACCEPT, { id: bidId }, client.accessToken)).errors).toBeUndefined();

      expect((await watch.next()).data?.missionUpdated).toMatchObject({ status: 'ASSIGNED', bidCount: 1 });
      expect((await mine.next()).data?.bidUpdated).toMatchObject({
        id: bidId,
        status: 'ACCEPTED',
        mission: { id: missionId, status: 'ASSIGNED' },
      });
      expect((await declined.next()).data?.bidUpdated).toMatchObject({ id: otherBidId, status: 'DECLINED' });
    });

    it('tells the client when a bid is withdrawn, and its provider too', async () => {
      const missionId = await aMission(a, client);
      const bidId = await aBid(a, provider, missionId);
      const watch = onB(client.accessToken, MISSION_UPDATED, { id: missionId });
      const bid = onB(provider.accessToken, BID_UPDATED, { id: bidId });
      await listening(b, RealtimeTopic.mission(missionId));
      await listening(b, RealtimeTopic.bid(bidId));

      expect((await a.graphql(WITHDRAW, { id: bidId }, provider.accessToken)).errors).toBeUndefined();
      expect((await watch.next()).data?.missionUpdated.bidCount).toBe(0);
      expect((await bid.next()).data?.bidUpdated.status).toBe('WITHDRAWN');
    });

    it('publishes nothing from a transaction that rolls back (nor a NOTIFY that is not ours): the first event heard is the one committed after it', async () => {
      const missionId = await aMission(a, client);
      const topic = RealtimeTopic.mission(missionId);
      const events = b.app.get(RealtimeEvents).listen(topic);
      const realtime = a.app.get(RealtimeEvents);
      const transactions = a.app.get(Transactions);

      await expect(
        transactions.run(async (manager) => {
          await realtime.publish(manager, topic, { missionId, attempt: 'rolled back' });
          throw new Error('the change fails after publishing');
        }),
      ).rejects.toThrow('the change fails');
      await a.dataSource.query(`SELECT pg_notify('marketplace_realtime', 'a notice typed by hand, not JSON')`);
      await transactions.run((manager) => realtime.publish(manager, topic, { missionId, attempt: 'committed' }));

      expect(await events.next()).toEqual({ value: { missionId, attempt: 'committed' }, done: false });
      await events.return?.();
      expect(b.app.get(RealtimeEvents).listenerCount(topic)).toBe(0);
    });

    it('listens again after its LISTEN connection drops, and delivers what is published from then on', async () => {
      const backends = () =>
        a.dataSource.query(
          `SELECT pid FROM pg_stat_activity WHERE application_name = 'marketplace-realtime' AND datname = current_database() ORDER BY pid`,
        ) as Promise<{ pid: number }[]>;
      const before = (await backends()).map((row) => row.pid);
      expect(before).toHaveLength(2);
      await a.dataSource.query(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, [before]);
      for (let tries = 0; ; tries++) {
        const now = (await backends()).map((row) => row.pid);
        if (now.length === 2 && now.every((pid) => !before.includes(pid))) break;
        if (tries > 200) throw new Error('The LISTEN connections did not come back');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }

      const missionId = await aMission(a, client);
      const watch = onB(client.accessToken, MISSION_UPDATED, { id: missionId });
      await listening(b, RealtimeTopic.mission(missionId));
      await aBid(a, provider, missionId);
      expect((await watch.next()).data?.missionUpdated.bidCount).toBe(1);
    });

    it('forgets the topic on the instance as soon as the client unsubscribes', async () => {
      const missionId = await aMission(a, client);
      const watch = onB(client.accessToken, MISSION_UPDATED, { id: missionId });
      await listening(b, RealtimeTopic.mission(missionId));
      await watch.close();
      await listening(b, RealtimeTopic.mission(missionId), 0);
    });
  });

  describe('who may subscribe', () => {
    it.each([
      ['no token', () => null],
      ['a malformed token', () => 'not-a-jwt'],
      ['a token signed with another key', () => `${client.accessToken.slice(0, -4)}AAAA`],
    ])('closes the socket with 4401 for %s', async (_, token) => {
      const refused = onB(token(), MISSION_UPDATED, { id: '00000000-0000-4000-8000-000000000000' });
      expect(await refused.closed()).toEqual({ code: REALTIME_CLOSE.UNAUTHORIZED, reason: expect.any(String) });
    });

    it('closes the socket with 4401 for an expired access token', async () => {
      const { sub, sid } = JSON.parse(Buffer.from(client.accessToken.split('.')[1], 'base64url').toString());
      const expired = await a.app.get(JwtService).signAsync({ sub, sid, exp: Math.floor(Date.now() / 1000) - 10 });
      const refused = onB(expired, MISSION_UPDATED, { id: await aMission(a, client) });
      expect((await refused.closed()).code).toBe(REALTIME_CLOSE.UNAUTHORIZED);
    });

    it('closes the socket with 4401 for the token of a session that was signed out', async () => {
      const user = await aSignedInUser(a);
      expect((await a.graphql(LOGOUT, { token: user.refreshToken })).data?.logout).toBe(true);
      const refused = held(subscribe(a.wsUrl, user.accessToken, MISSION_UPDATED, { id: await aMission(a, client) }));
      expect((await refused.closed()).code).toBe(REALTIME_CLOSE.UNAUTHORIZED);
    });

    it('closes the socket with 4403 for a suspended account', async () => {
      const user = await aSignedInUser(a);
      const moderator = await aUserWithRole(a, 'MODERATOR');
      expect((await a.graphql(SUSPEND, { id: user.id, reason: 'Fraude' }, moderator.accessToken)).errors).toBeUndefined();
      const refused = held(subscribe(a.wsUrl, user.accessToken, MISSION_UPDATED, { id: await aMission(a, client) }));
      expect((await refused.closed()).code).toBe(REALTIME_CLOSE.FORBIDDEN);
    });

    it('closes an open socket with 4401 when its access token expires, by the clock', async () => {
      const { exp } = JSON.parse(Buffer.from(client.accessToken.split('.')[1], 'base64url').toString()) as { exp: number };
      jest.spyOn(b.app.get(Clock), 'now').mockReturnValue(new Date(exp * 1000 - 300));
      const missionId = await aMission(a, client);
      const watch = onB(client.accessToken, MISSION_UPDATED, { id: missionId });
      await listening(b, RealtimeTopic.mission(missionId));
      expect(await watch.closed()).toEqual({ code: REALTIME_CLOSE.UNAUTHORIZED, reason: expect.stringMatching(/expired/) });
      await listening(b, RealtimeTopic.mission(missionId), 0);
    });

    it('answers NOT_FOUND for a mission hidden from the viewer, and for a bid that is not theirs', async () => {
      const missionId = await aMission(a, client);
      const bidId = await aBid(a, provider, missionId);
      const moderator = await aUserWithRole(a, 'MODERATOR');
      const stranger = await aProvider(a);
      expect(codesOf(await firstResultOn(stranger.accessToken, BID_UPDATED, { id: bidId }))).toEqual(['NOT_FOUND']);

      expect((await a.graphql(HIDE, { id: missionId, reason: 'Annonce frauduleuse' }, moderator.accessToken)).errors).toBeUndefined();
      expect(codesOf(await firstResultOn(stranger.accessToken, MISSION_UPDATED, { id: missionId }))).toEqual(['NOT_FOUND']);
      expect(codesOf(await firstResultOn(stranger.accessToken, MISSION_UPDATED, { id: 'not-an-id' }))).toEqual(['BAD_USER_INPUT']);
      // Its client still follows it.
      const watch = onB(client.accessToken, MISSION_UPDATED, { id: missionId });
      await listening(b, RealtimeTopic.mission(missionId));
      expect(b.app.get(RealtimeEvents).listenerCount(RealtimeTopic.mission(missionId))).toBe(1);
      await watch.close();
    });

    it('ends the subscription with NOT_FOUND when the mission is hidden from the subscriber later', async () => {
      const missionId = await aMission(a, client);
      const stranger = await aSignedInUser(a);
      const watch = onB(stranger.accessToken, MISSION_UPDATED, { id: missionId });
      await listening(b, RealtimeTopic.mission(missionId));
      const moderator = await aUserWithRole(a, 'MODERATOR');
      await a.graphql(HIDE, { id: missionId, reason: 'Annonce frauduleuse' }, moderator.accessToken);
      expect((await a.graphql(CANCEL, { id: missionId }, client.accessToken)).errors).toBeUndefined();
      expect(codesOf(await watch.next())).toEqual(['NOT_FOUND']);
      await listening(b, RealtimeTopic.mission(missionId), 0);
    });
  });

  describe('what each subscriber receives', () => {
    it('gives each subscriber what they could query: the address to the client only, the fees to the provider only', async () => {
      const missionId = await aMission(a, client);
      const bidId = await aBid(a, provider, missionId);
      const stranger = await aSignedInUser(a);
      const clients = onB(client.accessToken, MISSION_UPDATED, { id: missionId });
      const strangers = onB(stranger.accessToken, MISSION_UPDATED, { id: missionId });
      const providersBid = onB(provider.accessToken, BID_UPDATED, { id: bidId });
      const clientsBid = onB(client.accessToken, BID_UPDATED, { id: bidId });
      await listening(b, RealtimeTopic.mission(missionId), 2);
      await listening(b, RealtimeTopic.bid(bidId), 2);

      expect((await a.graphql(ACCEPT, { id: bidId }, client.accessToken)).errors).toBeUndefined();

      expect((await clients.next()).data?.missionUpdated).toMatchObject({ status: 'ASSIGNED', address: '12 rue Oberkampf' });
      expect((await strangers.next()).data?.missionUpdated).toMatchObject({ status: 'ASSIGNED', address: null });
      expect((await providersBid.next()).data?.bidUpdated).toMatchObject({ status: 'ACCEPTED', platformFeeCents: 1200 });
      expect((await clientsBid.next()).data?.bidUpdated).toMatchObject({ status: 'ACCEPTED', platformFeeCents: null });
    });
  });

  it("answers each event with fresh rows, not the first event's DataLoader cache (a request per event)", async () => {
    const missionId = await aMission(a, client);
    const watch = onB(provider.accessToken, `subscription ($id: ID!) { missionUpdated(id: $id) { bidCount myBid { status } } }`, {
      id: missionId,
    });
    await listening(b, RealtimeTopic.mission(missionId));
    const bidId = await aBid(a, provider, missionId);
    expect((await watch.next()).data?.missionUpdated).toEqual({ bidCount: 1, myBid: { status: 'PENDING' } });
    expect((await a.graphql(WITHDRAW, { id: bidId }, provider.accessToken)).errors).toBeUndefined();
    expect((await watch.next()).data?.missionUpdated).toEqual({ bidCount: 0, myBid: { status: 'WITHDRAWN' } });
  });

  describe('limits', () => {
    it(`holds at most ${MAX_SUBSCRIPTIONS} subscriptions per socket: the next one is TOO_MANY_REQUESTS`, async () => {
      const missionId = await aMission(a, client);
      const socket = createClient({
        url: b.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${client.accessToken}` },
        retryAttempts: 0,
      });
      const refusals: unknown[] = [];
      const subscriptions = Array.from({ length: MAX_SUBSCRIPTIONS + 1 }, () =>
        socket.subscribe(
          { query: MISSION_UPDATED, variables: { id: missionId } },
          { next: () => undefined, error: (error) => refusals.push(error), complete: () => undefined },
        ),
      );
      await until(() => refusals.length === 1);
      expect(refusals).toEqual([[expect.objectContaining({ extensions: { code: 'TOO_MANY_REQUESTS' } })]]);
      await listening(b, RealtimeTopic.mission(missionId), MAX_SUBSCRIPTIONS);
      subscriptions.forEach((unsubscribe) => unsubscribe());
      await socket.dispose();
    });

    it(`lets a user hold at most ${MAX_CONNECTIONS} sockets on an instance: the next one is closed with 4429`, async () => {
      const user = await aSignedInUser(a);
      const missionId = await aMission(a, client);
      for (let n = 0; n < MAX_CONNECTIONS; n++) onB(user.accessToken, MISSION_UPDATED, { id: missionId });
      await listening(b, RealtimeTopic.mission(missionId), MAX_CONNECTIONS);
      expect((await onB(user.accessToken, MISSION_UPDATED, { id: missionId }).closed()).code).toBe(REALTIME_CLOSE.TOO_MANY_CONNECTIONS);
    });

    it('refuses a subscription sent over HTTP with BAD_USER_INPUT', async () => {
      const response = await a.graphql(MISSION_UPDATED, { id: await aMission(a, client) }, client.accessToken);
      expect(response.status).toBeLessThan(500);
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    });

    it('applies the depth and token limits to subscription documents, and serves only subscriptions', async () => {
      const missionId = await aMission(a, client);
      const deep = `subscription ($id: ID!) { missionUpdated(id: $id) { bids { edges { node { mission { bids { edges { node { mission { bids { edges { node { id } } } } } } } } } } } } }`;
      expect(codesOf(await firstResultOn(client.accessToken, deep, { id: missionId }))).toEqual(['BAD_USER_INPUT']);
      const long = `subscription ($id: ID!) { missionUpdated(id: $id) { ${'id '.repeat(2500)} } }`;
      expect(codesOf(await firstResultOn(client.accessToken, long, { id: missionId }))).toEqual(['BAD_USER_INPUT']);
      expect(codesOf(await firstResultOn(client.accessToken, `{ me { id } }`))).toEqual(['BAD_USER_INPUT']);
      expect(codesOf(await firstResultOn(client.accessToken, `subscription { missionUpdated(id: `))).toEqual(['BAD_USER_INPUT']);
    });
  });
});
