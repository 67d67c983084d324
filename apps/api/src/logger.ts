import { AppConfig } from '@marketplace/config';
import { ConsoleLogger, LogLevel } from '@nestjs/common';

const LEVELS_FROM_MOST_SEVERE: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export function createLogger(config: Pick<AppConfig, 'logLevel' | 'logFormat'>): ConsoleLogger {
  const logLevels = LEVELS_FROM_MOST_SEVERE.slice(0, LEVELS_FROM_MOST_SEVERE.indexOf(config.logLevel) + 1);
  return new ConsoleLogger({ json: config.logFormat === 'json', logLevels, colors: config.logFormat === 'pretty' });
}
