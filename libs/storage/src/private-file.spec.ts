import { pbkdf2 } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { writePrivateFile } from './private-file';

async function* chunks(...parts: string[]): AsyncIterable<Buffer> {
  for (const part of parts) yield Buffer.from(part);
}

async function* refusedAfterFirstChunk(): AsyncIterable<Buffer> {
  yield Buffer.from('MZ');
  throw new Error('not an accepted document type');
}

/** File opens run on libuv's thread pool; uploads beside password hashing keep it busy. */
function keepThreadPoolBusy(): void {
  for (let i = 0; i < 4; i++) pbkdf2('password', 'salt', 20_000, 32, 'sha256', () => undefined);
}

describe('writePrivateFile', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'private-file-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the whole stream to a file only its owner can read', async () => {
    const path = join(dir, 'document');
    await writePrivateFile(path, chunks('%PDF', '-1.7'));
    expect(readFileSync(path, 'utf8')).toBe('%PDF-1.7');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('leaves no file behind a refused stream, even once the refusal is answered and the thread pool is busy', async () => {
    const left: string[] = [];
    for (let attempt = 0; attempt < 40; attempt++) {
      const path = join(dir, `document-${attempt}.incoming`);
      keepThreadPoolBusy();
      await expect(writePrivateFile(path, refusedAfterFirstChunk())).rejects.toThrow('not an accepted document type');
      await sleep(30);
      if (existsSync(path)) left.push(path);
    }
    expect(left).toEqual([]);
  });
});
