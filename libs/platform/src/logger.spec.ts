import { Logger } from '@nestjs/common';
import { createLogger } from './logger';

function aLogger(logLevel: 'log' | 'error' = 'log') {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ logLevel, isProduction: false }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('AppLogger, Nest logs through pino', () => {
  it('writes an object logged as { msg, ...fields } as its message and its fields, with the context', () => {
    const { logger, lines } = aLogger();
    logger.log({ msg: 'Transferred a payout', payoutId: 'p1' }, 'PayoutsService');
    expect(lines).toEqual([expect.objectContaining({ level: 30, msg: 'Transferred a payout', payoutId: 'p1', context: 'PayoutsService' })]);
  });

  it('writes errors as err with their type, message and stack, from an Error or the stack Nest passes', () => {
    const { logger, lines } = aLogger();
    logger.error({ msg: 'Could not start', error: new TypeError('no port') }, 'api');
    logger.error('Request failed', 'Error: Request failed\n    at handler (file.ts:1:1)', 'ExceptionsHandler');
    expect(lines[0]).toMatchObject({ level: 50, msg: 'Could not start', context: 'api', err: { type: 'TypeError', message: 'no port' } });
    expect((lines[0].err as { stack: string }).stack).toContain('TypeError: no port');
    expect(lines[1]).toMatchObject({
      msg: 'Request failed',
      context: 'ExceptionsHandler',
      err: { stack: expect.stringContaining('at handler') },
    });
  });

  it('keeps LOG_LEVEL and the levels Nest asks for', () => {
    const { logger, lines } = aLogger('error');
    logger.warn('hidden');
    logger.setLogLevels(['error', 'warn']);
    logger.warn('shown');
    logger.log('hidden too');
    expect(lines.map((line) => line.msg)).toEqual(['shown']);
  });

  it('replaces secrets a logged object carries', () => {
    const { logger, lines } = aLogger();
    Logger.overrideLogger(logger);
    new Logger('Auth').log({ msg: 'signed in', email: 'dana@example.com', input: { password: 'hunter22' } });
    expect(JSON.stringify(lines)).not.toMatch(/dana@example.com|hunter22/);
  });
});
