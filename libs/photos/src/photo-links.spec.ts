import { Clock } from '@marketplace/common';
import { AppConfig, loadAppConfig } from '@marketplace/config';
import { PhotoLinks, SignedPhotoLink } from './photo-links';

const PHOTO_ID = '3f1c3a52-8c1e-4d7a-9f43-2f1f0e6f7b10';
const HOUR = 3600;

function linksAt(unixSeconds: () => number): PhotoLinks {
  const loaded = loadAppConfig({
    PHOTO_LINK_SECRET: 's'.repeat(40),
    PHOTO_LINK_TTL_SECONDS: String(HOUR),
    PUBLIC_API_URL: 'https://api.example.com',
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const clock = { now: () => new Date(unixSeconds() * 1000) } as Clock;
  return new PhotoLinks(loaded.config as AppConfig, clock);
}

function linkOf(url: string, variant: SignedPhotoLink['variant'] = 'full'): SignedPhotoLink {
  const { pathname, searchParams } = new URL(url);
  return {
    photoId: pathname.split('/')[2],
    variant,
    expires: Number(searchParams.get('expires')),
    signature: searchParams.get('signature')!,
  };
}

describe('PhotoLinks', () => {
  let now = 1_800_000_000;
  const links = linksAt(() => now);

  it('hands out one URL per period, lasting one to two periods', () => {
    now = 100 * HOUR + 10;
    const url = links.urlOf(PHOTO_ID, 'full');
    expect(url).toMatch(new RegExp(`^https://api.example.com/photos/${PHOTO_ID}\\?expires=${102 * HOUR}&signature=[\\w-]{43}$`));
    now = 101 * HOUR - 1;
    expect(links.urlOf(PHOTO_ID, 'full')).toBe(url);
    expect(links.secondsLeft(linkOf(url))).toBe(HOUR + 1);
    now = 102 * HOUR;
    expect(links.secondsLeft(linkOf(url))).toBeNull();
  });

  it('refuses a link moved to another photo or variant, or with another expiry or signature', () => {
    now = 100 * HOUR;
    const link = linkOf(links.urlOf(PHOTO_ID, 'thumbnail'), 'thumbnail');
    expect(links.secondsLeft(link)).toBe(2 * HOUR);
    expect(links.secondsLeft({ ...link, variant: 'full' })).toBeNull();
    expect(links.secondsLeft({ ...link, photoId: PHOTO_ID.replace('3f', '4f') })).toBeNull();
    expect(links.secondsLeft({ ...link, expires: link.expires + HOUR })).toBeNull();
    expect(
      links.secondsLeft({ ...link, signature: `${link.signature.slice(0, -1)}${link.signature.endsWith('A') ? 'B' : 'A'}` }),
    ).toBeNull();
    expect(links.secondsLeft({ ...link, signature: 'short' })).toBeNull();
    expect(links.secondsLeft({ ...link, expires: Number.NaN })).toBeNull();
  });

  it('needs its secret', () => {
    const loaded = loadAppConfig({});
    expect(() => new PhotoLinks((loaded.ok && loaded.config) as AppConfig, new Clock())).toThrow('PHOTO_LINK_SECRET is not configured.');
  });
});
