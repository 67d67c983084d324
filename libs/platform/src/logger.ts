/**
 * Every process logs through one pino logger: JSON lines (numeric levels, epoch-ms `time`) for
 * machines, or pino-pretty's text on a developer's terminal. Nest's own logs and the services'
 * `new Logger(context)` reach it through `AppLogger`, a Nest LoggerService over pino.
 */
import { AppConfig } from '@marketplace/config';
import { LoggerService, LogLevel } from '@nestjs/common';
import { DestinationStream, Level, Logger, pino } from 'pino';

const PINO_LEVELS: Record<LogLevel | AppConfig['logLevel'], Level> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Nothing logs request bodies, variables or headers; should a field of these names reach a line
 * anyway (a logged object, an error's details), its value is replaced.
 */
const REDACTED_FIELDS = ['password', 'accessToken', 'refreshToken', 'token', 'email', 'authorization', 'cookie', 'variables'];
const REDACT_PATHS = [...REDACTED_FIELDS, ...REDACTED_FIELDS.map((field) => `*.${field}`), 'headers', '*.headers'];

export type LogOutputConfig = Pick<AppConfig, 'logLevel' | 'logFormat' | 'isProduction'>;

/**
 * The process's logger, on stdout (the CLI's on stderr, its stdout being for results), or JSON
 * lines into `destination` (tests). Pretty text when LOG_FORMAT=pretty, or by default on a
 * terminal outside production; colours only on a terminal.
 */
export function createLogger(config: LogOutputConfig, destination: DestinationStream | 'stdout' | 'stderr' = 'stdout'): AppLogger {
  const options = {
    level: PINO_LEVELS[config.logLevel],
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: pino.stdSerializers.err },
  };
  if (typeof destination !== 'string') return new AppLogger(pino(options, destination));
  const fd = destination === 'stdout' ? 1 : 2;
  const terminal = process[destination].isTTY === true;
  const pretty = config.logFormat ? config.logFormat === 'pretty' : !config.isProduction && terminal;
  return new AppLogger(pino(options, (pretty && prettyStream(fd, terminal)) || pino.destination({ dest: fd, sync: true })));
}

/** pino-pretty is a development dependency: loaded only when pretty output is asked for, and JSON without it. */
function prettyStream(fd: number, colorize: boolean): DestinationStream | undefined {
  let pretty: typeof import('pino-pretty');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    pretty = require('pino-pretty') as typeof import('pino-pretty');
  } catch {
    process.stderr.write('LOG_FORMAT=pretty needs pino-pretty, a development dependency: logging JSON lines.\n');
    return undefined;
  }
  return pretty({
    destination: fd,
    colorize,
    sync: true,
    ignore: 'pid,hostname,context',
    translateTime: 'SYS:HH:MM:ss.l',
    messageFormat: (log, messageKey) => (log.context ? `[${String(log.context)}] ${String(log[messageKey])}` : String(log[messageKey])),
  });
}

/**
 * Nest's LoggerService over pino. A message is always a string: an object logged as
 * `{ msg, ...fields }` becomes its `msg` and its fields; an Error, or a stack Nest passes,
 * becomes `err` (type, message, stack); the Logger's context becomes the `context` field.
 */
export class AppLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest lists the levels to keep: pino keeps the most verbose of them and all above. */
  setLogLevels(levels: LogLevel[]): void {
    const values = levels.map((level) => this.pino.levels.values[PINO_LEVELS[level]]);
    this.pino.level = this.pino.levels.labels[Math.min(...values)] ?? 'silent';
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const { context, stack } = contextAndStack(params);
    const line = lineOf(message);
    if (context) line.fields.context = context;
    if (stack && !line.fields.err) line.fields.err = { type: 'Error', message: line.msg, stack };
    this.pino[level](line.fields, line.msg);
  }
}

/** Nest's loggers append their context last; `error` may pass a stack before it. */
function contextAndStack(params: unknown[]): { context?: string; stack?: string } {
  const strings = params.filter((param): param is string => typeof param === 'string');
  if (strings.length >= 2) return { stack: strings[0], context: strings.at(-1) };
  if (strings.length === 1) return strings[0].includes('\n    at ') ? { stack: strings[0] } : { context: strings[0] };
  return {};
}

function lineOf(message: unknown): { msg: string; fields: Record<string, unknown> } {
  if (message instanceof Error) return { msg: message.message, fields: { err: message } };
  if (typeof message !== 'object' || message === null) return { msg: String(message), fields: {} };
  const { msg, message: text, error, ...fields } = message as Record<string, unknown>;
  if (error instanceof Error) fields.err = error;
  else if (error !== undefined) fields.error = error;
  return { msg: String(msg ?? text ?? ''), fields };
}
