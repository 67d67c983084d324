/**
 * OpenTelemetry tracing in the built API, as `npm start` runs it (Jest's module loader bypasses the
 * require hooks the instrumentations patch modules with, so the API runs as a child process): with
 * OTEL_EXPORTER_OTLP_ENDPOINT pointing at a receiver of the test's, a GraphQL search makes one trace
 * holding the HTTP server span, the GraphQL operation and the search's SQL as pg spans beneath them.
 * Without the variable, nothing of OpenTelemetry is loaded.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { aSignedInUser } from './support/accounts.builders';
import { aMission } from './support/marketplace.builders';
import { OtlpReceiver, ReceivedSpan, SPAN_KIND_SERVER } from './support/otlp-receiver';
import { waitFor } from './support/payments.builders';
import { buildWhenStale, freePort, processEnvOf, RunningProcess, startProcess } from './support/processes';
import { TestApp } from './support/test-app';

const SEARCH = `query Search($filter: MissionFilter, $first: Int) {
  missions(filter: $filter, first: $first) {
    edges { node { id title distanceKm bidCount client { displayName reputation { asClient { average count } } } } } } }`;
const PARIS = { latitude: 48.8566, longitude: 2.3522 };
const ROOT = join(__dirname, '..');

/** The pg span's SQL, under the old and the new semantic conventions' names. */
const statementOf = (span: ReceivedSpan) => String(span.attributes['db.statement'] ?? span.attributes['db.query.text'] ?? '');

/** The modules of OpenTelemetry a Node process holds after the tracing preload and the instrumented libraries are loaded. */
function openTelemetryModulesLoaded(env: NodeJS.ProcessEnv): string[] {
  const probe = [
    "require('./dist/libs/tracing/src');",
    "for (const name of ['pg', 'express', 'graphql']) require(name);",
    "console.log(JSON.stringify(Object.keys(require.cache).filter((file) => file.includes('@opentelemetry'))));",
    'process.exit(0);',
  ].join(' ');
  return JSON.parse(
    execFileSync(process.execPath, ['-e', probe], { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' }),
  );
}

describe('tracing (OpenTelemetry)', () => {
  let app: TestApp;
  let receiver: OtlpReceiver;
  let api: RunningProcess;

  beforeAll(async () => {
    buildWhenStale();
    [app, receiver] = await Promise.all([TestApp.start(), OtlpReceiver.start()]);
    const client = await aSignedInUser(app, { displayName: 'Claire Dubois' });
    for (let i = 0; i < 3; i++) await aMission(app, client);
    const port = await freePort();
    api = await startProcess('traced-api', 'api', {
      env: {
        ...processEnvOf(app),
        PORT: String(port),
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        // Exported within 100 ms rather than the default 5 s.
        OTEL_BSP_SCHEDULE_DELAY: '100',
      },
      port,
      healthPath: '/health/ready',
    });
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await receiver?.close();
    await app?.close();
  });

  it("makes one trace of a GraphQL search: the HTTP request, the GraphQL operation, and the search's SQL beneath them", async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SEARCH, variables: { filter: { near: PARIS, radiusKm: 20 }, first: 10 } }),
    });
    const body = (await response.json()) as { data?: { missions: { edges: unknown[] } } };
    expect(body.data?.missions.edges).toHaveLength(3);

    // Spans are exported as they end, children before their parents: wait for the whole trace.
    const trace = await waitFor(
      async () => {
        const operation = receiver.spans.find((span) => span.attributes['graphql.operation.name'] === 'Search');
        const spans = receiver.spans.filter((span) => span.traceId === operation?.traceId);
        const ids = new Set(spans.map((span) => span.spanId));
        const whole = spans.some((span) => !span.parentSpanId) && spans.every((span) => !span.parentSpanId || ids.has(span.parentSpanId));
        return whole && spans.some((span) => statementOf(span).includes('earth_box(')) ? spans : undefined;
      },
      "the search's whole trace",
      10_000,
    );
    const operation = trace.find((span) => span.attributes['graphql.operation.name'] === 'Search')!;
    const search = trace.find((span) => statementOf(span).includes('earth_box('))!;
    const byId = new Map(trace.map((span) => [span.spanId, span]));
    const ancestry = (span: ReceivedSpan): ReceivedSpan[] => {
      const parent = span.parentSpanId ? byId.get(span.parentSpanId) : undefined;
      return parent ? [parent, ...ancestry(parent)] : [];
    };

    const [root] = trace.filter((span) => !span.parentSpanId);
    expect(root).toMatchObject({ kind: SPAN_KIND_SERVER, scope: '@opentelemetry/instrumentation-http', service: 'marketplace-api' });
    expect([root.name, ...Object.values(root.attributes).map(String)].some((value) => value.includes('/graphql'))).toBe(true);
    expect(operation.name).toMatch(/Search/);
    expect(ancestry(operation).at(-1)).toBe(root);

    const sqlSpans = trace.filter((span) => span.scope === '@opentelemetry/instrumentation-pg' && statementOf(span));
    // The page, then the loaders' batches for its clients, their reputations and the bid counts.
    expect(sqlSpans.length).toBeGreaterThanOrEqual(2);
    for (const span of sqlSpans) expect(ancestry(span).at(-1)).toBe(root);
    expect(search.attributes['db.system'] ?? search.attributes['db.system.name']).toBe('postgresql');
    expect(statementOf(search)).toMatch(/FROM "?missions"?/i);
    // Only the statement, with its placeholders: bound values (the search point) are not recorded.
    expect(statementOf(search)).not.toContain(String(PARIS.latitude));
  });

  it('loads nothing of OpenTelemetry without OTEL_EXPORTER_OTLP_ENDPOINT, and patches pg, express and graphql with it', () => {
    expect(openTelemetryModulesLoaded({})).toEqual([]);
    const loaded = openTelemetryModulesLoaded({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    for (const instrumentation of [
      'sdk-node',
      'instrumentation-http',
      'instrumentation-express',
      'instrumentation-graphql',
      'instrumentation-pg',
    ]) {
      expect(loaded.some((file) => file.includes(`@opentelemetry/${instrumentation}/`))).toBe(true);
    }
  });
});
