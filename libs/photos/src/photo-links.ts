import { Clock } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';

export type PhotoVariant = 'full' | 'thumbnail';

export interface SignedPhotoLink {
  photoId: string;
  variant: PhotoVariant;
  /** Unix seconds. */
  expires: number;
  signature: string;
}

/**
 * Photos are served to whoever holds a signed link (an <img> sends no access token); links are
 * handed out only with what the viewer may query. A link lasts between one and two
 * PHOTO_LINK_TTL_SECONDS: expiries are rounded up to a whole period, so a photo keeps one URL
 * for a while and browsers and CDNs can cache it.
 */
@Injectable()
export class PhotoLinks {
  private readonly secret: string;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    if (!config.photos.linkSecret) throw new Error('PHOTO_LINK_SECRET is not configured.');
    this.secret = config.photos.linkSecret;
  }

  urlOf(photoId: string, variant: PhotoVariant): string {
    const ttl = this.config.photos.linkTtlSeconds;
    const expires = (Math.floor(this.nowSeconds() / ttl) + 2) * ttl;
    const path = variant === 'full' ? `/photos/${photoId}` : `/photos/${photoId}/thumbnail`;
    return `${this.config.email.publicApiUrl}${path}?expires=${expires}&signature=${this.signature(photoId, variant, expires)}`;
  }

  /** Seconds the link has left; null when it is expired, tampered with or not ours (which the answer must not tell apart from a missing photo). */
  secondsLeft(link: SignedPhotoLink): number | null {
    if (!Number.isSafeInteger(link.expires) || !/^[A-Za-z0-9_-]{43}$/.test(link.signature)) return null;
    const expected = Buffer.from(this.signature(link.photoId, link.variant, link.expires));
    if (!timingSafeEqual(expected, Buffer.from(link.signature))) return null;
    const left = link.expires - this.nowSeconds();
    return left > 0 ? left : null;
  }

  private signature(photoId: string, variant: PhotoVariant, expires: number): string {
    return createHmac('sha256', this.secret).update(`photo:${photoId}:${variant}:${expires}`).digest('base64url');
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}
