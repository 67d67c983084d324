import type { NodeSDK } from '@opentelemetry/sdk-node';

let sdk: NodeSDK | undefined;

/** How long a stopping process waits for its last spans to be exported (a collector that does not answer must not hold the exit). */
const FLUSH_TIMEOUT_MS = 3000;

/**
 * Starts the SDK when OTEL_EXPORTER_OTLP_ENDPOINT is set (the SDK reads the OTEL_* variables itself:
 * protocol, sampler, service name, batch settings…); loads OpenTelemetry only then.
 */
export function startTracing(env: NodeJS.ProcessEnv, entryPoint = require.main?.filename): void {
  if (sdk || !env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim()) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { tracingSdk } = require('./sdk') as typeof import('./sdk');
  sdk = tracingSdk({ serviceName: env.OTEL_SERVICE_NAME?.trim() ? undefined : defaultServiceName(entryPoint) });
  sdk.start();
}

/** Exports the spans still buffered and stops the SDK (nothing when tracing is off). */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  if (!running) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, FLUSH_TIMEOUT_MS).unref()));
  await Promise.race([running.shutdown().catch(() => undefined), timeout]);
  clearTimeout(timer);
}

/** `marketplace-api`, `marketplace-worker` or `marketplace-cli`, from the entry point `dist/apps/<app>/src/main.js`. */
export function defaultServiceName(entryPoint: string | undefined): string {
  const app = /apps[/\\]([a-z-]+)[/\\]src[/\\]main\.[jt]s$/.exec(entryPoint ?? '')?.[1];
  return app ? `marketplace-${app}` : 'marketplace';
}
