/**
 * What is kept of an uploaded image: decoded by sharp (a file that does not decode is refused),
 * turned upright by its EXIF orientation, fitted within 2560 px, flattened onto white and
 * re-encoded as a JPEG, which drops every piece of metadata (EXIF, GPS, XMP, ICC profile; the
 * colours are converted to sRGB). The thumbnail is made from it once, here, never per request.
 */
import { BadUserInputError } from '@marketplace/common';
import sharp from 'sharp';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTO_SIDE = 2560;
export const THUMBNAIL_WIDTH = 400;
/** A decompression bomb is a small file with a huge pixel count: refused before it is decoded. */
export const MAX_INPUT_PIXELS = 50_000_000;

export interface PhotoImage {
  /** JPEG, at most MAX_PHOTO_SIDE on either side. */
  full: Buffer;
  /** JPEG, THUMBNAIL_WIDTH wide (or less when the photo is narrower). */
  thumbnail: Buffer;
  width: number;
  height: number;
}

export async function photoImageOf(upload: Buffer): Promise<PhotoImage> {
  try {
    // sequentialRead: libvips decodes top to bottom as it resizes, rather than holding the whole decoded image.
    const full = await sharp(upload, { limitInputPixels: MAX_INPUT_PIXELS, autoOrient: true, sequentialRead: true })
      .resize({ width: MAX_PHOTO_SIDE, height: MAX_PHOTO_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(full.data).resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true }).jpeg({ quality: 75 }).toBuffer();
    return { full: full.data, thumbnail, width: full.info.width, height: full.info.height };
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) {
      throw BadUserInputError.forField('file', `has more than ${MAX_INPUT_PIXELS / 1_000_000} million pixels`);
    }
    throw BadUserInputError.forField('file', 'could not be read as a JPEG or PNG image (damaged or incomplete?)');
  }
}
