import { BodyTooLarge, readBodyText } from '@/lib/server/read-body';
import { requestClientAddress } from '@/lib/server/request-address';
import { hasSignatureHeaders, receiveWebhook } from '@/lib/webhooks/receive';
import { countRefusal, refusalWaitSeconds } from '@/lib/webhooks/refusals';

/** Linq's events are small; anything far larger is not one of them. */
const MAX_BODY_BYTES = 256 * 1024;

// Linq's webhooks: public (no session), trusted only through the Standard Webhooks signature,
// which the SDK checks against the raw body. Cheap refusals first (no signature headers, an
// address that keeps sending bad signatures), then the body is read up to its limit and no
// further; the route records the delivery and answers at once, and a background job applies it.
export async function POST(request: Request): Promise<Response> {
  const address = requestClientAddress(request.headers);
  if (!hasSignatureHeaders(request.headers)) {
    countRefusal('The delivery has no Standard Webhooks signature headers.', address);
    return Response.json({ error: 'The delivery has no Standard Webhooks signature headers.' }, { status: 400 });
  }
  const wait = refusalWaitSeconds(address);
  if (wait > 0) {
    countRefusal('Too many deliveries with a bad signature from one address.', address);
    return Response.json(
      { error: 'Too many deliveries with a bad signature from this address: try again later.' },
      { status: 429, headers: { 'Retry-After': String(wait) } },
    );
  }
  let rawBody: string;
  try {
    rawBody = await readBodyText(request, MAX_BODY_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    countRefusal('The delivery is larger than any Linq event.', address);
    return Response.json({ error: 'The delivery is larger than any Linq event.' }, { status: 413 });
  }
  const result = await receiveWebhook(rawBody, Object.fromEntries(request.headers), address);
  return Response.json(result.body, { status: result.status });
}
