/**
 * Load on loopback: autocannon (its library API) for the GraphQL scenarios, and a plain closed loop
 * for raw `pg`, measured the same way: every answer's latency, and answers sorted into successes,
 * non-2xx statuses, GraphQL errors by code, and transport errors.
 */
import autocannon from 'autocannon';

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface LoadResult {
  connections: number;
  durationSeconds: number;
  /** Answers received, whatever they said. */
  requests: number;
  /** 2xx without a GraphQL error. */
  successes: number;
  /** Successes per second. */
  throughput: number;
  latencyMs: LatencySummary;
  non2xx: number;
  graphqlErrors: Record<string, number>;
  transportErrors: number;
  timeouts: number;
}

export interface GraphQLCall {
  body: string;
  token?: string;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Called for every request: a different search point, mission or bid each time. */
  next: () => GraphQLCall;
  /** Requests per second over all connections together; unset, every connection sends as soon as it is answered. */
  overallRate?: number;
}

export function latencySummary(latencies: number[]): LatencySummary {
  const sorted = Float64Array.from(latencies).sort();
  const at = (quantile: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)]);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(sorted[sorted.length - 1] ?? 0) };
}

/** The code of the first GraphQL error in an answer, or null; only answers that mention errors are parsed. */
export function graphqlErrorCode(body: string): string | null {
  if (!body.includes('"errors"')) return null;
  try {
    const parsed = JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] };
    return parsed.errors?.length ? (parsed.errors[0].extensions?.code ?? 'UNKNOWN') : null;
  } catch {
    return 'UNPARSEABLE';
  }
}

export async function driveGraphQL({ url, connections, durationSeconds, next, overallRate }: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const graphqlErrors: Record<string, number> = {};
  let successes = 0;
  const options: autocannon.Options = {
    url,
    connections,
    duration: durationSeconds,
    ...(overallRate ? { overallRate } : {}),
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        setupRequest: (request) => {
          const call = next();
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (call.token) headers.authorization = `Bearer ${call.token}`;
          return { ...request, headers, body: call.body };
        },
        onResponse: (status, body) => {
          if (status < 200 || status >= 300) return;
          const code = graphqlErrorCode(body);
          if (code === null) successes++;
          else graphqlErrors[code] = (graphqlErrors[code] ?? 0) + 1;
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: Error | null, done: autocannon.Result) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  const elapsedSeconds = result.duration;
  return {
    connections,
    durationSeconds: Math.round(elapsedSeconds * 10) / 10,
    requests: latencies.length,
    successes,
    throughput: Math.round((successes / elapsedSeconds) * 10) / 10,
    latencyMs: latencySummary(latencies),
    non2xx: result.non2xx,
    graphqlErrors,
    transportErrors: result.errors,
    timeouts: result.timeouts,
  };
}

/**
 * `connections` loops, each running `work` again as soon as it ends, for `durationSeconds`: the same
 * closed-loop load autocannon applies over HTTP, for what does not speak HTTP.
 */
export async function driveClosedLoop(
  connections: number,
  durationSeconds: number,
  work: () => Promise<void>,
): Promise<Omit<LoadResult, 'non2xx' | 'graphqlErrors' | 'timeouts'>> {
  const latencies: number[] = [];
  let failures = 0;
  const startedAt = performance.now();
  const endsAt = startedAt + durationSeconds * 1000;
  const loop = async () => {
    while (performance.now() < endsAt) {
      const sentAt = performance.now();
      try {
        await work();
        latencies.push(performance.now() - sentAt);
      } catch {
        failures++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  return {
    connections,
    durationSeconds: Math.round(elapsedSeconds * 10) / 10,
    requests: latencies.length + failures,
    successes: latencies.length,
    throughput: Math.round((latencies.length / elapsedSeconds) * 10) / 10,
    latencyMs: latencySummary(latencies),
    transportErrors: failures,
  };
}
