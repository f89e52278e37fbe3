import { createHash } from 'node:crypto';
import { LinqApiError } from '@/lib/sandbox/http';

export interface DownloadedImage {
  bytes: Buffer;
  contentType: string;
  /** Content hash: the name of the re-hosted copy. */
  hash: string;
}

const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 10_000;

/** Recognises an image by its first bytes, as a careful downloader does (never by the URL or header alone). */
export function sniffImageType(bytes: Buffer): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(bytes.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (bytes.length >= 12 && bytes.subarray(4, 8).toString('latin1') === 'ftyp' && /^(heic|heix|mif1|msf1)$/.test(bytes.subarray(8, 12).toString('latin1'))) return 'image/heic';
  return null;
}

const downloadFailed = (why: string) => new LinqApiError(400, 5007, `Failed to download image from the provided URL: ${why}`);

/**
 * Downloads a card's image_url as Linq does before re-hosting it. Refuses (400/5007) anything
 * that cannot be fetched or is not an image; refuses plain http when HTTPS is required (400/1005).
 */
export async function downloadImage(url: string, options: { requireHttps: boolean }): Promise<DownloadedImage> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new LinqApiError(400, 1005, 'image_url must be a valid URL');
  }
  if (parsed.protocol !== 'https:' && (options.requireHttps || parsed.protocol !== 'http:')) {
    throw new LinqApiError(400, 1005, 'image_url must be a publicly accessible HTTPS URL');
  }

  let response: Response;
  try {
    response = await fetch(parsed, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), redirect: 'follow' });
  } catch (error) {
    throw downloadFailed((error as Error).name === 'TimeoutError' ? 'timed out' : 'could not connect');
  }
  if (!response.ok) throw downloadFailed(`HTTP ${response.status}`);
  const declaredLength = Number(response.headers.get('content-length') ?? 0);
  if (declaredLength > MAX_IMAGE_BYTES) throw downloadFailed('file too large');
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_IMAGE_BYTES) throw downloadFailed('file too large');
  const contentType = sniffImageType(bytes);
  if (!contentType) throw downloadFailed('not an image');
  return { bytes, contentType, hash: createHash('sha256').update(bytes).digest('hex') };
}
