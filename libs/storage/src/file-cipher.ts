/**
 * Private files at rest (identity documents, data export archives): AES-256-GCM with a fresh
 * 96-bit IV per file. The file's id is authenticated too (AAD), so a stored file cannot be swapped
 * for another one unnoticed.
 * Layout, version 2 (written as the upload streams in, so the tag comes last):
 *   2 (1 byte) | IV (12) | ciphertext | auth tag (16)
 * Version 1 (files stored before uploads were streamed, still read):
 *   1 (1 byte) | IV (12) | auth tag (16) | ciphertext
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const LEGACY_VERSION = 1;
const VERSION = 2;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const IV_END = 1 + IV_BYTES;

/** The encrypted file, chunk by chunk as the plain text arrives: nothing is held but the chunk at hand. */
export async function* encryptFile(plain: AsyncIterable<Buffer>, key: Buffer, fileId: string): AsyncGenerator<Buffer> {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(fileId));
  yield Buffer.concat([Buffer.from([VERSION]), iv]);
  for await (const chunk of plain) yield cipher.update(chunk);
  yield Buffer.concat([cipher.final(), cipher.getAuthTag()]);
}

/**
 * Whole files only: no plain text is returned before the tag is checked. Throws when the file was
 * altered, belongs to another id, or was encrypted with another key.
 */
export function decryptFile(stored: Buffer, key: Buffer, fileId: string): Buffer {
  if (stored.length < IV_END + TAG_BYTES || ![LEGACY_VERSION, VERSION].includes(stored[0])) {
    throw new Error('Not an encrypted file.');
  }
  const [tag, ciphertext] =
    stored[0] === LEGACY_VERSION
      ? [stored.subarray(IV_END, IV_END + TAG_BYTES), stored.subarray(IV_END + TAG_BYTES)]
      : [stored.subarray(stored.length - TAG_BYTES), stored.subarray(IV_END, stored.length - TAG_BYTES)];
  const decipher = createDecipheriv('aes-256-gcm', key, stored.subarray(1, IV_END));
  decipher.setAAD(Buffer.from(fileId));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}
