import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { SignedInUser } from './accounts.builders';
import { TestApp } from './test-app';

/** Small but real files, as a phone camera or a scanner would upload them. */
export const A_JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF identity card of Camille Martin'),
]);
export const A_PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR passport scan')]);
export const A_PDF = Buffer.from('%PDF-1.7\nresidence permit of Camille Martin\n%%EOF');
/** A Windows executable renamed to look like a photo. */
export const AN_EXECUTABLE = Buffer.from('MZ\x90\x00\x03\x00\x00\x00 This program cannot be run in DOS mode.');

/** Every file under a directory (none if it does not exist), to see what the document storage holds. */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .map((name) => join(dir, name))
      .filter((path) => statSync(path).isFile());
  } catch {
    return [];
  }
}

/** GET /identity/documents/:id, its body as raw bytes. */
export function aDownload(app: TestApp, user: SignedInUser, id: string) {
  return request(app.http)
    .get(`/identity/documents/${id}`)
    .set('Authorization', `Bearer ${user.accessToken}`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}
