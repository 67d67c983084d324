import { AppConfig } from '@marketplace/config';
import { ConsoleLogger, LogLevel } from '@nestjs/common';

const LEVELS_FROM_MOST_SEVERE: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export function createLogger(config: Pick<AppConfig, 'logLevel' | 'logFormat'>): ConsoleLogger {
  const logLevels = LEVELS_FROM_MOST_SEVERE.slice(0, LEVELS_FROM_MOST_SEVERE.indexOf(config.logLevel) + 1);
  const pretty = config.logFormat === 'pretty';
  return new ConsoleLogger({ json: !pretty, logLevels, colors: pretty, compact: true, breakLength: pretty ? Infinity : undefined });
}
