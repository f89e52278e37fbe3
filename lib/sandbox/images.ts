import { createHash } from 'node:crypto';
import { sniffImageType } from '@/lib/photos/sniff';
import { LinqApiError } from '@/lib/sandbox/http';

export interface DownloadedImage {
  bytes: Buffer;
  contentType: string;
  /** Content hash: the name of the re-hosted copy. */
  hash: string;
}

const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 10_000;

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
  if (!contentType || contentType === 'image/svg+xml') throw downloadFailed('not an image');
  return { bytes, contentType, hash: createHash('sha256').update(bytes).digest('hex') };
}
