import { aSignedInUser, SignedInUser } from './support/accounts.builders';
import { aBid, aMission, aProvider } from './support/marketplace.builders';
import { ledgerProblems, onboard, pay } from './support/payments.builders';
import { errorCodes, TestApp } from './support/test-app';

const ACCEPT = `mutation ($id: ID!, $expected: Int) { acceptBid(id: $id, expectedAmountCents: $expected) { id status acceptedBid { amountCents } } }`;
const RAISE = `mutation ($id: ID!) { updateBid(id: $id, input: { amountCents: 900000 }) { id amountCents } }`;
const BID_AMOUNT = 20_000;
const RACES = 50;

interface Race {
  missionId: string;
  bidId: string;
}

interface Books {
  bid_status: string;
  bid_amount: number;
  payment_amount: number | null;
  payment_fee: number | null;
  provider_amount: number | null;
  payment_intent_id: string | null;
}

/**
 * A provider raising their price at the moment the client accepts: whatever order the two land
 * in, what the client accepted, what they are charged, what the ledger books and what the
 * provider is paid are one and the same amount.
 */
describe('a bid changed while it is being accepted', () => {
  let app: TestApp;
  let client: SignedInUser;
  let provider: SignedInUser;

  beforeAll(async () => {
    app = await TestApp.start();
    [client, provider] = await Promise.all([aSignedInUser(app), aProvider(app)]);
    await onboard(app, provider);
  });
  afterAll(() => app.close());

  async function openRaces(): Promise<Race[]> {
    const races: Race[] = [];
    for (let i = 0; i < RACES; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, RACES - i) }, async () => {
          const missionId = await aMission(app, client);
          return { missionId, bidId: await aBid(app, provider, missionId, { amountCents: BID_AMOUNT }) };
        }),
      );
      races.push(...batch);
    }
    return races;
  }

  async function booksOf(race: Race): Promise<Books> {
    const [books] = (await app.dataSource.query(
      `SELECT b.status AS bid_status, b.amount_cents AS bid_amount, p.amount_cents AS payment_amount,
              p.platform_fee_cents AS payment_fee, p.provider_amount_cents AS provider_amount,
              p.stripe_payment_intent_id AS payment_intent_id
         FROM bids b LEFT JOIN payments p ON p.bid_id = b.id
        WHERE b.id = $1`,
      [race.bidId],
    )) as Books[];
    return books;
  }

  function chargedAtStripe(paymentIntentId: string): number {
    const intent = app.stripe.objects('payment_intent').find((object) => object.id === paymentIntentId);
    return intent!.amount as number;
  }

  it('charges, books and pays out exactly the amount of the bid as it was accepted, in 50 races', async () => {
    const races = await openRaces();
    await Promise.all(
      races.map((race) =>
        Promise.all([
          app.graphql(RAISE, { id: race.bidId }, provider.accessToken),
          app.graphql(ACCEPT, { id: race.bidId }, client.accessToken),
        ]),
      ),
    );
    // A PaymentIntent Stripe was too slow to create within acceptBid is created by its job.
    await app.runJobs({ dueNow: true });

    for (const race of races) {
      const books = await booksOf(race);
      expect(books.bid_status).toBe('ACCEPTED');
      expect(books.payment_amount).toBe(books.bid_amount);
      expect(books.payment_fee! + books.provider_amount!).toBe(books.bid_amount);
      expect(chargedAtStripe(books.payment_intent_id!)).toBe(books.bid_amount);
    }

    // Five of them all the way to the provider's connected account.
    for (const race of races.slice(0, 5)) {
      await pay(app, { client, provider, ...race });
      for (const [step, actor] of [
        ['markMissionDelivered', provider],
        ['confirmMissionCompletion', client],
      ] as const) {
        const done = await app.graphql(
          `mutation ($id: ID!) { ${step}(missionId: $id) { status } }`,
          { id: race.missionId },
          actor.accessToken,
        );
        expect(done.errors).toBeUndefined();
      }
    }
    await app.runJobs();
    for (const race of races.slice(0, 5)) {
      const books = await booksOf(race);
      const [payout] = (await app.dataSource.query(`SELECT status, amount_cents FROM payouts WHERE mission_id = $1`, [race.missionId])) as {
        status: string;
        amount_cents: number;
      }[];
      expect(payout).toEqual({ status: 'TRANSFERRED', amount_cents: books.provider_amount });
      const transfer = app.stripe
        .objects('transfer')
        .find((object) => (object.metadata as Record<string, string>).missionId === race.missionId);
      expect(transfer!.amount).toBe(books.provider_amount);
    }
    expect(await ledgerProblems(app)).toEqual([]);
  });

  it('never makes the client pay another amount than the one they expected, in 50 races', async () => {
    const races = await openRaces();
    const outcomes = await Promise.all(
      races.map(async (race) => {
        const [, accepted] = await Promise.all([
          app.graphql(RAISE, { id: race.bidId }, provider.accessToken),
          app.graphql(ACCEPT, { id: race.bidId, expected: BID_AMOUNT }, client.accessToken),
        ]);
        return { race, accepted };
      }),
    );
    await app.runJobs({ dueNow: true });

    for (const { race, accepted } of outcomes) {
      const books = await booksOf(race);
      if (accepted.errors) {
        expect(errorCodes(accepted)).toEqual(['CONFLICT']);
        expect(books).toMatchObject({ bid_status: 'PENDING', bid_amount: 900_000, payment_amount: null });
        const [mission] = await app.dataSource.query(`SELECT status, accepted_bid_id FROM missions WHERE id = $1`, [race.missionId]);
        expect(mission).toEqual({ status: 'OPEN', accepted_bid_id: null });
      } else {
        expect(accepted.data!.acceptBid.acceptedBid.amountCents).toBe(BID_AMOUNT);
        expect(books).toMatchObject({ bid_status: 'ACCEPTED', bid_amount: BID_AMOUNT, payment_amount: BID_AMOUNT });
        expect(chargedAtStripe(books.payment_intent_id!)).toBe(BID_AMOUNT);
      }
    }
  });

  it('refuses an acceptance whose expected amount is not the bid’s, and changes nothing', async () => {
    const missionId = await aMission(app, client);
    const bidId = await aBid(app, provider, missionId, { amountCents: BID_AMOUNT });
    const refused = await app.graphql(ACCEPT, { id: bidId, expected: BID_AMOUNT - 1 }, client.accessToken);
    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors![0].message).toMatch(/20000 cents/);
    expect(await booksOf({ missionId, bidId })).toMatchObject({ bid_status: 'PENDING', payment_amount: null });
    expect(errorCodes(await app.graphql(ACCEPT, { id: bidId, expected: -5 }, client.accessToken))).toEqual(['BAD_USER_INPUT']);
    const accepted = await app.graphql(ACCEPT, { id: bidId, expected: BID_AMOUNT }, client.accessToken);
    expect(accepted.data!.acceptBid.status).toBe('ASSIGNED');
  });
});
