/**
 * Identity documents at rest: AES-256-GCM with a fresh 96-bit IV per file. The document id is
 * authenticated too (AAD), so a stored file cannot be swapped for another one unnoticed.
 * Layout: version (1 byte) | IV (12) | auth tag (16) | ciphertext.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

export function encryptDocument(plain: Buffer, key: Buffer, documentId: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(documentId));
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), ciphertext]);
}

/** Throws when the file was altered, belongs to another document, or was encrypted with another key. */
export function decryptDocument(stored: Buffer, key: Buffer, documentId: string): Buffer {
  if (stored.length < HEADER_BYTES || stored[0] !== VERSION) throw new Error('Not an encrypted identity document.');
  const iv = stored.subarray(1, 1 + IV_BYTES);
  const tag = stored.subarray(1 + IV_BYTES, HEADER_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(documentId));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(stored.subarray(HEADER_BYTES)), decipher.final()]);
}
