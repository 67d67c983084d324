import sharp from 'sharp';
import request from 'supertest';
import { SignedInUser } from './accounts.builders';
import { TestApp } from './test-app';

/** A small PNG, half transparent (it is flattened onto white when stored). */
export function aSmallPng(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 0, g: 128, b: 0, alpha: 0.5 } } })
    .png()
    .toBuffer();
}

/** POST /photos; the id of the photo, uploaded and not attached yet. */
export async function anUploadedPhoto(app: TestApp, user: SignedInUser, content?: Buffer): Promise<string> {
  const response = await request(app.http)
    .post('/photos')
    .set('Authorization', `Bearer ${user.accessToken}`)
    .attach('file', content ?? (await aSmallPng()), 'photo.png');
  if (response.status !== 201) throw new Error(`upload failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}
