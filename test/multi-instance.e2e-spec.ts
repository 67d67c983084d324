/**
 * A deployment of several processes on one PostgreSQL: two API processes (no worker inside) and a
 * worker process, built as `npm start` builds them. Whole journeys go through both APIs in turn
 * (Stripe's webhooks through a load balancer, so either takes them); the worker is killed with
 * SIGKILL while a payout's transfer is made at Stripe but not yet recorded, and another worker is
 * started: every payout is transferred exactly once, every job's effect happens once, the ledger
 * balances. The in-process TestApp on the same database only prepares users, as support would,
 * and reads the outcome; it runs no job.
 */
import { aSignedInUser, SignedInUser } from './support/accounts.builders';
import { aBidInput, aMissionInput, aProvider } from './support/marketplace.builders';
import { ledgerProblems, onboard, paymentOf, stripeFor, waitFor } from './support/payments.builders';
import {
  AnswerSwallowingLink,
  buildWhenStale,
  freePort,
  processEnvOf,
  RoundRobin,
  RunningProcess,
  startProcess,
} from './support/processes';
import { TestApp } from './support/test-app';

const POST_MISSION = `mutation ($input: PostMissionInput!) { postMission(input: $input) { id } }`;
const PLACE_BID = `mutation ($input: PlaceBidInput!) { placeBid(input: $input) { id } }`;
const ACCEPT = `mutation ($id: ID!) { acceptBid(id: $id) { id } }`;
const PAYMENT = `query ($id: ID!) { mission(id: $id) { status payment { status clientSecret } } }`;
const DELIVER = `mutation ($id: ID!) { markMissionDelivered(missionId: $id) { status } }`;
const CONFIRM = `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { status } }`;
const NOTIFICATIONS = `{ notifications(first: 50) { edges { node { kind } } } }`;

async function graphql(
  api: RunningProcess,
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<Record<string, any>> {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`${api.name}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

interface Journey {
  client: SignedInUser;
  provider: SignedInUser;
  missionId: string;
}

describe('two API processes and a worker process on one database', () => {
  let app: TestApp;
  let apis: RunningProcess[] = [];
  const workers: RunningProcess[] = [];
  let webhooks: RoundRobin;
  let stripeLink: AnswerSwallowingLink;
  let processEnv: (stripePort: number) => NodeJS.ProcessEnv;

  const startWorker = async (name: string, stripePort: number) => {
    const port = await freePort();
    const worker = await startProcess(name, 'worker', {
      env: { ...processEnv(stripePort), WORKER_HEALTH_PORT: String(port) },
      port,
      healthPath: '/health/ready',
    });
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    buildWhenStale();
    app = await TestApp.start();
    stripeLink = await AnswerSwallowingLink.start(app.stripe.port);
    processEnv = (stripePort) => ({
      ...processEnvOf(app, stripePort),
      // Longer than the test waits on a swallowed answer: the worker is killed while it still waits.
      STRIPE_TIMEOUT_MS: '60000',
    });
    const ports = [await freePort(), await freePort()];
    apis = await Promise.all(
      ports.map((port, index) =>
        startProcess(`api-${index + 1}`, 'api', {
          env: { ...processEnv(app.stripe.port), PORT: String(port) },
          port,
          healthPath: '/health/ready',
        }),
      ),
    );
    webhooks = await RoundRobin.start(ports);
    app.stripe.setWebhookUrls({ platform: `${webhooks.url}/webhooks/stripe`, connect: `${webhooks.url}/webhooks/stripe/connect` });
    await startWorker('worker-1', stripeLink.port);
  }, 300_000);

  afterAll(async () => {
    await Promise.all([...apis, ...workers].map((running) => running.stop()));
    await webhooks?.close();
    await stripeLink?.close();
    await app?.close();
  });

  /** Posted and accepted through one API, bid on, paid and delivered through the other, confirmed through the first. */
  async function aJourney(index: number, confirm = true): Promise<Journey> {
    const [first, second] = index % 2 === 0 ? apis : [...apis].reverse();
    const client = await aSignedInUser(app, { displayName: 'Claire Dubois' });
    const provider = await aProvider(app);
    await onboard(app, provider);
    const { id: missionId } = (await graphql(first, POST_MISSION, { input: aMissionInput() }, client.accessToken)).postMission;
    const { id: bidId } = (await graphql(second, PLACE_BID, { input: aBidInput(missionId) }, provider.accessToken)).placeBid;
    await graphql(first, ACCEPT, { id: bidId }, client.accessToken);
    const clientSecret = await waitFor(
      async () => (await graphql(second, PAYMENT, { id: missionId }, client.accessToken)).mission.payment?.clientSecret as string | null,
      'the client secret',
      15_000,
    );
    await stripeFor(app).paymentIntents.confirm(clientSecret.split('_secret_')[0], { payment_method: 'pm_card_visa' });
    await waitFor(
      async () => (await graphql(second, PAYMENT, { id: missionId }, client.accessToken)).mission.payment.status === 'SUCCEEDED',
      'the payment webhook, taken by either API',
      15_000,
    );
    await graphql(second, DELIVER, { id: missionId }, provider.accessToken);
    if (confirm) await graphql(first, CONFIRM, { id: missionId }, client.accessToken);
    return { client, provider, missionId };
  }

  const transfersOf = (missionId: string) =>
    app.stripe.objects('transfer').filter((transfer) => (transfer.metadata as Record<string, string>).missionId === missionId);
  const payoutOf = async ({ missionId, provider }: Journey) => (await paymentOf(app, missionId, provider))!.payout;
  const untilTransferred = (journey: Journey, timeoutMs = 20_000) =>
    waitFor(async () => (await payoutOf(journey))?.status === 'TRANSFERRED', `the payout of ${journey.missionId}`, timeoutMs);

  it('pays every provider exactly once through either API, across a worker killed in the middle of a transfer', async () => {
    const journeys = await Promise.all([0, 1, 2].map((index) => aJourney(index)));
    for (const journey of journeys) await untilTransferred(journey);

    // The next transfer is made at Stripe, but its answer never reaches the worker.
    const victim = await aJourney(3, false);
    stripeLink.armed = true;
    await graphql(apis[0], CONFIRM, { id: victim.missionId }, victim.client.accessToken);
    await waitFor(async () => transfersOf(victim.missionId).length === 1, "the victim's transfer at Stripe", 20_000);
    expect((await payoutOf(victim)).status).toBe('PENDING');

    await workers[0].kill('SIGKILL');
    const replacement = await startWorker('worker-2', app.stripe.port);
    await untilTransferred(victim);
    expect(replacement.output()).toContain('Unlocked the jobs of workers whose process died');
    const health = await fetch(`${replacement.url}/health/ready`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ready',
      runner: 'running',
      migrations: { status: 'applied' },
      queue: { failed: 0, waiting: expect.any(Number), due: expect.any(Number) },
    });

    for (const journey of [...journeys, victim]) {
      const transfers = transfersOf(journey.missionId);
      expect(transfers).toHaveLength(1);
      expect(await payoutOf(journey)).toMatchObject({ status: 'TRANSFERRED', amountCents: 10_800 });
      const { notifications } = (await app.graphql(NOTIFICATIONS, {}, journey.provider.accessToken)).data!;
      const kinds = notifications.edges.map(({ node }: { node: { kind: string } }) => node.kind);
      expect(kinds.filter((kind: string) => kind === 'PAYOUT_SENT')).toHaveLength(1);
    }
    const [{ n: transfersQueued }] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'payments:transfer-payout'`,
    );
    expect(transfersQueued).toBe(0);
    expect(await ledgerProblems(app)).toEqual([]);
    // Both APIs took webhooks.
    expect([...webhooks.sent.values()].filter((count) => count > 0)).toHaveLength(2);
  }, 120_000);
});
