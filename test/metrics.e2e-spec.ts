/**
 * `/metrics` as Prometheus scrapes it: requests counted by route, GraphQL operation and outcome
 * as they end, the pool, the job queue and the payouts read from the database at scrape time,
 * webhooks by type and result; bounded label values; and in production only behind its token
 * (or on a port of its own).
 */
import { Metrics, metricsHandler, startOpsServer, closeOpsServer } from '@marketplace/observability';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { aCompletedMission, onboard, postWebhook } from './support/payments.builders';
import { aProvider } from './support/marketplace.builders';
import { PRODUCTION_ENV, TestApp } from './support/test-app';

/** The value of one sample (`name{labels} value`) in a Prometheus text exposition, or undefined if absent. */
function sample(exposition: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key, value]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

/** The distinct values a label takes among a metric's samples. */
function labelValues(exposition: string, name: string, label: string): Set<string> {
  const pattern = new RegExp(`^${name}\\{[^}]*${label}="([^"]*)"`, 'gm');
  return new Set([...exposition.matchAll(pattern)].map(([, value]) => value));
}

describe('metrics in development and tests (on the API port)', () => {
  let app: TestApp;
  const scrape = async () => {
    const response = await request(app.http).get('/metrics').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text;
  };
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.close());

  it('counts each GraphQL operation by its name, type and outcome, and each HTTP request by route pattern and status class', async () => {
    await app.graphql(`query SearchForMetrics { missions(first: 1) { edges { node { id } } } }`);
    await app.graphql(`query SearchForMetrics { missions(first: 1) { edges { node { id } } } }`);
    await app.graphql(`query WhoAmI { unreadNotificationCount }`);
    await app.graphql(`{ __typename }`);
    await app.graphql(`query Broken {`);
    await request(app.http).get('/identity/documents/00000000-0000-4000-8000-000000000000').expect(401);

    const text = await scrape();
    const graphql = (operation: string, outcome: string, type = 'query') =>
      sample(text, 'marketplace_graphql_operations_total', { operation, type, outcome });
    expect(graphql('SearchForMetrics', 'ok')).toBe(2);
    expect(graphql('WhoAmI', 'UNAUTHENTICATED')).toBe(1);
    expect(graphql('(anonymous)', 'ok')).toBe(1);
    expect(sample(text, 'marketplace_graphql_operations_total', { operation: '(unparsed)' })).toBe(1);
    expect(
      sample(text, 'marketplace_graphql_operation_duration_seconds_count', { operation: 'SearchForMetrics', type: 'query', outcome: 'ok' }),
    ).toBe(2);
    expect(sample(text, 'marketplace_http_requests_total', { method: 'POST', route: '/graphql', status: '2xx' })).toBeGreaterThanOrEqual(4);
    expect(sample(text, 'marketplace_http_requests_total', { method: 'GET', route: '/identity/documents/:id', status: '4xx' })).toBe(1);
    // The path with its id never becomes a label.
    expect(text).not.toContain('00000000-0000-4000-8000-000000000000');
    expect(sample(text, 'marketplace_db_pool_connections', { state: 'idle' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'marketplace_db_pool_connections', { state: 'waiting' })).toBe(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('reads the payouts waiting and the job queue at scrape time, and counts the webhooks by type and result', async () => {
    const provider = await aProvider(app);
    await onboard(app, provider);
    await aCompletedMission(app, provider);
    await postWebhook(app, 'platform', '{"id":"evt_forged"}', 't=1,v1=forged').expect(400);

    let text = await scrape();
    expect(sample(text, 'marketplace_payouts', { status: 'PENDING' })).toBe(1);
    expect(sample(text, 'marketplace_payouts', { status: 'FAILED' })).toBe(0);
    expect(sample(text, 'marketplace_job_queue_jobs', { job: 'payments:transfer-payout', state: 'waiting' })).toBe(1);
    expect(sample(text, 'marketplace_job_queue_jobs', { job: 'payments:transfer-payout', state: 'failed' })).toBe(0);
    expect(
      sample(text, 'marketplace_webhook_events_total', { endpoint: 'platform', type: 'payment_intent.succeeded', result: 'processed' }),
    ).toBe(1);
    expect(
      sample(text, 'marketplace_webhook_events_total', { endpoint: 'connect', type: 'account.updated', result: 'processed' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'marketplace_webhook_events_total', { endpoint: 'platform', type: 'unknown', result: 'invalid' })).toBe(1);

    await app.runJobs();
    text = await scrape();
    expect(sample(text, 'marketplace_payouts', { status: 'PENDING' })).toBe(0);
    expect(sample(text, 'marketplace_job_queue_jobs', { job: 'payments:transfer-payout', state: 'waiting' })).toBeUndefined();
  });

  it('keeps operation names to a bounded set: names past the first hundred count as (other)', async () => {
    for (let i = 0; i < 120; i++) await app.graphql(`query Invented${i} { __typename }`);
    const operations = labelValues(await scrape(), 'marketplace_graphql_operations_total', 'operation');
    const named = [...operations].filter((operation) => !['(other)', '(anonymous)', '(unparsed)'].includes(operation));
    expect(named).toHaveLength(100);
    expect(operations).toContain('(other)');
  });

  it('serves /metrics on a listener of its own (METRICS_PORT), which answers nothing else', async () => {
    const server = await startOpsServer('127.0.0.1', 0, { '/metrics': metricsHandler(app.app.get(Metrics), undefined) });
    try {
      const { port } = server.address() as AddressInfo;
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('marketplace_http_requests_total');
      expect((await fetch(`http://127.0.0.1:${port}/graphql`)).status).toBe(404);
    } finally {
      await closeOpsServer(server);
    }
  });
});

describe('metrics in production', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start(PRODUCTION_ENV);
  });
  afterAll(() => app.close());

  it('are not on the public API port without METRICS_TOKEN, and only for its bearer with it', async () => {
    await request(app.http).get('/metrics').expect(404);

    const token = 'a-metrics-token-of-24-characters-or-more';
    await app.restart({ operations: { ...app.config.operations, metrics: { token, onApiPort: true } } });
    await request(app.http).get('/metrics').expect(401);
    await request(app.http).get('/metrics').set('Authorization', 'Bearer not-the-token').expect(401);
    const scraped = await request(app.http).get('/metrics').set('Authorization', `Bearer ${token}`).expect(200);
    expect(scraped.text).toContain('marketplace_http_requests_total');
  });
});
