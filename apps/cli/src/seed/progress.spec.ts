import { PassThrough } from 'node:stream';
import { startProgress } from './progress';

/** A pipe (not a terminal) that keeps what is written. */
function aPipe(): PassThrough & { text: () => string } {
  const chunks: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  return Object.assign(stream, { text: () => chunks.join('') });
}

describe('the seed progress', () => {
  it('prints plain lines in a pipe, the last one complete, without cursor or colour codes', async () => {
    const pipe = aPipe();
    const bar = startProgress('missions', 100_000, pipe);
    for (let i = 0; i < 10; i++) bar.increment(10_000);
    bar.stop();
    await new Promise(setImmediate);

    const lines = pipe.text().split('\n').filter(Boolean);
    expect(lines[0]).toContain('missions [░');
    expect(lines.at(-1)).toContain('100,000/100,000  100%');
    expect(pipe.text()).not.toMatch(/[\r\u001b]/);
  });
});
