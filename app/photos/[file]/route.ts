import { findPhoto } from '@/lib/photos/store';

// Public on purpose: Linq downloads contact-card photos from here (PUBLIC_BASE_URL/photos/<hash>.jpg).
// Addresses are content hashes, so a photo never changes under its address and may be cached forever.
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const match = /^([a-f0-9]{64})\.jpg$/.exec((await params).file);
  const bytes = match ? await findPhoto(match[1]!) : null;
  if (!bytes) return new Response('Not found', { status: 404, headers: { 'Cache-Control': 'no-store' } });
  return new Response(Buffer.from(bytes), {
    headers: {
      'Content-Type': 'image/jpeg',
      'Content-Length': String(bytes.length),
      'Cache-Control': 'public, max-age=31536000, immutable',
      ETag: `"${match![1]}"`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'",
    },
  });
}
