import 'server-only';
import { createHash } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';
import { formatMegabytes, MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS, PHOTO_SIZE } from '@/lib/photos/limits';
import { sniffImageType } from '@/lib/photos/sniff';

export class PhotoError extends Error {
  override name = 'PhotoError';
}

const UNREADABLE = 'This photo could not be read; it may be damaged or incomplete. Save it again and retry.';
const TOO_MANY_PIXELS = 'The photo has more pixels than the console accepts. Use a smaller version.';

/** sharp refuses a decompression bomb itself (limitInputPixels); anything else means a bad file. */
function explain(error: unknown): PhotoError {
  return new PhotoError(/pixel limit/i.test(String(error)) ? TOO_MANY_PIXELS : UNREADABLE);
}

export interface ProcessedPhoto {
  jpeg: Buffer;
  hash: string;
  width: number;
  height: number;
}

/**
 * Checks an uploaded photo by its bytes and re-encodes it as a square JPEG with no metadata.
 * Whatever the browser already checked, this is the check that counts: a server action can be
 * called by anything. Throws PhotoError with a sentence for the person who uploaded it.
 */
export async function processPhoto(bytes: Buffer): Promise<ProcessedPhoto> {
  if (bytes.length === 0) throw new PhotoError('The photo file is empty.');
  if (bytes.length > MAX_PHOTO_BYTES) {
    throw new PhotoError(`The photo is ${formatMegabytes(bytes.length)}; the limit is ${formatMegabytes(MAX_PHOTO_BYTES)}. Choose a smaller file.`);
  }
  const type = sniffImageType(bytes);
  // sharp can render SVG, and SVG can carry scripts and external references: never decoded here.
  if (type === 'image/svg+xml') throw new PhotoError('SVG drawings cannot be used as a contact photo. Choose a JPEG, PNG, WebP or HEIC photo.');
  if (type === null || type === 'image/gif') {
    throw new PhotoError('This file is not a photo the console can use. Choose a JPEG, PNG, WebP or HEIC photo.');
  }

  const image = sharp(bytes, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'truncated', sequentialRead: true });
  let metadata: Metadata;
  try {
    metadata = await image.metadata();
  } catch (error) {
    throw explain(error);
  }
  if ((metadata.width ?? 0) * (metadata.height ?? 0) > MAX_PHOTO_PIXELS) throw new PhotoError(TOO_MANY_PIXELS);

  let jpeg: Buffer;
  try {
    jpeg = await image
      .rotate() // apply the camera's orientation before the metadata is dropped
      .resize(PHOTO_SIZE, PHOTO_SIZE, { fit: 'cover', position: 'attention' })
      .flatten({ background: '#ffffff' }) // transparent PNGs get a white background, not black
      .jpeg({ quality: 88, mozjpeg: true })
      .toBuffer(); // sharp writes no EXIF, XMP or ICC metadata unless asked to
  } catch (error) {
    throw explain(error);
  }
  return { jpeg, hash: createHash('sha256').update(jpeg).digest('hex'), width: PHOTO_SIZE, height: PHOTO_SIZE };
}
