/**
 * The life of a process (API, worker or CLI): validated configuration, the database (embedded or
 * DATABASE_URL), Stripe (or its local emulator), then the process itself; Ctrl-C or SIGTERM
 * drains it for SHUTDOWN_GRACE_MS (a second signal cuts that short), closes it and stops what it
 * started cleanly.
 */
import { AppConfig, loadAppConfig, withLocalSecrets } from '@marketplace/config';
import { locateStripe, StripeLocation } from '@marketplace/payments';
import { stopTracing } from '@marketplace/tracing';
import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { DatabaseLocation, locateDatabase } from './database-location';
import { AppLogger, createLogger } from './logger';

export interface ProcessContext {
  config: AppConfig;
  database: DatabaseLocation;
  stripe: StripeLocation;
  logger: AppLogger;
}

interface Closable {
  close(): Promise<void>;
  /** Stop being given new work while still answering (see Draining). */
  drain?(): void;
}

export async function bootProcess(
  name: string,
  start: (context: ProcessContext) => Promise<Closable>,
  { logTo = 'stdout' }: { logTo?: 'stdout' | 'stderr' } = {},
): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config, logTo);
  Logger.overrideLogger(logger);
  const log = new Logger(name);

  let database: DatabaseLocation | undefined;
  let stripe: StripeLocation | undefined;
  let running: Closable | undefined;
  let stopping = false;
  let endGrace: (() => void) | undefined;
  const stop = async (exitCode: number, graceMs = 0): Promise<never> => {
    stopping = true;
    if (running?.drain && graceMs > 0) {
      running.drain();
      log.log(`Draining for ${graceMs} ms before closing`);
      await new Promise<void>((resolve) => {
        endGrace = resolve;
        setTimeout(resolve, graceMs);
      });
    }
    await running?.close().catch((error: Error) => log.error({ msg: 'Error while closing', error }));
    await stripe?.release().catch((error: Error) => log.error({ msg: 'Error while stopping the Stripe emulator', error }));
    await database?.release().catch((error: Error) => log.error({ msg: 'Error while stopping PostgreSQL', error }));
    await stopTracing();
    process.exit(exitCode);
  };
  // A library's fire-and-forget promise failing (a query during a database outage) is logged: it
  // must not take the API down with it.
  process.on('unhandledRejection', (reason) => {
    log.error({ msg: 'Unhandled promise rejection', error: reason instanceof Error ? reason : String(reason) });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return endGrace?.();
      log.log(`${signal} received, shutting down`);
      void stop(0, config.shutdownGraceMs);
    });
  }

  try {
    database = await locateDatabase(config, (line) => log.debug({ msg: 'postgres', line }));
    log.log(`Database: ${database.description}`);
    stripe = await locateStripe(config);
    log.log(`Payments: ${stripe.description}`);
    log.log(`Emails: ${emailDestination(config)}`);
    log.log(`Tracing: ${tracingDestination(config)}`);
    running = await start({ config: stripe.config, database, stripe, logger });
  } catch (error) {
    log.error({ msg: `Could not start the ${name}: ${(error as Error).message}`, error });
    await stop(1);
  }
}

/** The validated configuration with the local secrets; a bad value stops the process, naming each variable. */
export function loadConfigOrExit(): AppConfig {
  const loaded = loadAppConfig(process.env);
  if (!loaded.ok) {
    for (const problem of loaded.problems) console.error(`Configuration error: ${problem}`);
    process.exit(1);
  }
  return withLocalSecrets(loaded.config);
}

/** Where spans go (libs/tracing started the SDK from the same variables), without the endpoint's credentials. */
function tracingDestination({ tracing }: AppConfig): string {
  if (!tracing.endpoint) return 'off (no OTEL_EXPORTER_OTLP_ENDPOINT)';
  const { protocol, host } = new URL(tracing.endpoint);
  const ratio = tracing.samplerRatio === undefined ? '' : ` ${tracing.samplerRatio}`;
  return `OTLP ${tracing.protocol} to ${protocol}//${host}, sampler ${tracing.sampler}${ratio}`;
}

/** Where emails go, without the SMTP URL's credentials. */
function emailDestination(config: AppConfig): string {
  if (!config.email.smtpUrl)
    return `written as .eml files under ${join(config.dataDir, 'outbox')} (no SMTP_URL; npm run cli -- outbox lists them)`;
  const { protocol, host } = new URL(config.email.smtpUrl);
  return `sent through ${protocol}//${host}`;
}
