// Limits for contact-card photos, shared by the browser (early, friendly checks) and the server
// (the checks that count).

/** Largest file accepted, before any processing. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** Largest image accepted, in pixels: refuses decompression bombs (tiny files that decode huge). */
export const MAX_PHOTO_PIXELS = 50_000_000;
/** Side of the square JPEG the console keeps and hands to Linq. */
export const PHOTO_SIZE = 512;

export const PHOTO_ACCEPT_ATTRIBUTE = '.jpg,.jpeg,.png,.webp,.heic,.heif,image/jpeg,image/png,image/webp,image/heic,image/heif';

export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;
}
