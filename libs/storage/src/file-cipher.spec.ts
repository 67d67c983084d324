import { createCipheriv, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { decryptFile, encryptFile } from './file-cipher';

async function encrypt(chunks: Buffer[], key: Buffer, documentId: string): Promise<Buffer> {
  const stored: Buffer[] = [];
  for await (const chunk of encryptFile(Readable.from(chunks), key, documentId)) stored.push(chunk);
  return Buffer.concat(stored);
}

describe('file cipher', () => {
  const key = randomBytes(32);
  const plain = Buffer.from('%PDF-1.7 passport of Camille Martin, born 1990-01-01');

  it('round-trips a file streamed in chunks, and never stores the plain text', async () => {
    const stored = await encrypt([plain.subarray(0, 5), plain.subarray(5, 20), plain.subarray(20)], key, 'doc-1');
    expect(stored.includes(Buffer.from('Camille Martin'))).toBe(false);
    expect(decryptFile(stored, key, 'doc-1')).toEqual(plain);
  });

  it('uses a fresh IV for every file', async () => {
    expect((await encrypt([plain], key, 'doc-1')).equals(await encrypt([plain], key, 'doc-1'))).toBe(false);
  });

  it('refuses a tampered file, another key, and another document id', async () => {
    const stored = await encrypt([plain], key, 'doc-1');
    for (const position of [14, stored.length - 1]) {
      const tampered = Buffer.from(stored);
      tampered[position] ^= 0x01;
      expect(() => decryptFile(tampered, key, 'doc-1')).toThrow();
    }
    expect(() => decryptFile(stored, randomBytes(32), 'doc-1')).toThrow();
    expect(() => decryptFile(stored, key, 'doc-2')).toThrow();
    expect(() => decryptFile(Buffer.from('plain'), key, 'doc-1')).toThrow('Not an encrypted file.');
  });

  it('still reads files stored in the first layout (tag before the ciphertext)', () => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from('doc-1'));
    const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
    const stored = Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), ciphertext]);
    expect(decryptFile(stored, key, 'doc-1')).toEqual(plain);
    stored[stored.length - 1] ^= 0x01;
    expect(() => decryptFile(stored, key, 'doc-1')).toThrow();
  });
});
