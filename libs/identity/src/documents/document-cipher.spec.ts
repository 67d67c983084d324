import { randomBytes } from 'node:crypto';
import { decryptDocument, encryptDocument } from './document-cipher';

describe('document cipher', () => {
  const key = randomBytes(32);
  const plain = Buffer.from('%PDF-1.7 passport of Camille Martin, born 1990-01-01');

  it('round-trips, and never stores the plain text', () => {
    const stored = encryptDocument(plain, key, 'doc-1');
    expect(stored.includes(Buffer.from('Camille Martin'))).toBe(false);
    expect(decryptDocument(stored, key, 'doc-1')).toEqual(plain);
  });

  it('uses a fresh IV for every file', () => {
    expect(encryptDocument(plain, key, 'doc-1').equals(encryptDocument(plain, key, 'doc-1'))).toBe(false);
  });

  it('refuses a tampered file, another key, and another document id', () => {
    const stored = encryptDocument(plain, key, 'doc-1');
    const tampered = Buffer.from(stored);
    tampered[tampered.length - 1] ^= 0x01;
    expect(() => decryptDocument(tampered, key, 'doc-1')).toThrow();
    expect(() => decryptDocument(stored, randomBytes(32), 'doc-1')).toThrow();
    expect(() => decryptDocument(stored, key, 'doc-2')).toThrow();
    expect(() => decryptDocument(Buffer.from('plain'), key, 'doc-1')).toThrow('Not an encrypted identity document.');
  });
});
