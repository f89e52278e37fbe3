import { createHash } from 'node:crypto';
import { photoAddressProblem } from '@/lib/photos/remote-address';
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
const MAX_REDIRECTS = 5;

/**
 * Follows redirects one at a time, as a careful downloader must: a redirect may lead only to a
 * public address (or stay on the host it started from, which the caller chose), never from a public
 * host into a private network or this machine.
 */
async function fetchFollowingSafeRedirects(start: URL): Promise<Response> {
  let url = start;
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), redirect: 'manual' });
    } catch (error) {
      throw downloadFailed((error as Error).name === 'TimeoutError' ? 'timed out' : 'could not connect');
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return response;
    if (hop >= MAX_REDIRECTS) throw downloadFailed('too many redirects');
    const next = new URL(location, url);
    if (!['http:', 'https:'].includes(next.protocol)) throw downloadFailed('redirected to an address that is not http(s)');
    if (next.host !== start.host && (await photoAddressProblem(next.href))) throw downloadFailed(`redirected to a private or local address (${next.hostname})`);
    url = next;
  }
}

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

  const response = await fetchFollowingSafeRedirects(parsed);
  if (!response.ok) throw downloadFailed(`HTTP ${response.status}`);
  const declaredLength = Number(response.headers.get('content-length') ?? 0);
  if (declaredLength > MAX_IMAGE_BYTES) throw downloadFailed('file too large');
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_IMAGE_BYTES) throw downloadFailed('file too large');
  const contentType = sniffImageType(bytes);
  if (!contentType || contentType === 'image/svg+xml') throw downloadFailed('not an image');
  return { bytes, contentType, hash: createHash('sha256').update(bytes).digest('hex') };
}
