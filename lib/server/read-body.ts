// Reading a request body without trusting what it says about its size: a body sent in chunks has
// no Content-Length, and reading it whole before checking would let anyone fill the server's memory.

export class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
}

/**
 * The body as text, read a chunk at a time and abandoned as soon as it passes `maxBytes` (the
 * rest is never read), whatever Content-Length claims.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
