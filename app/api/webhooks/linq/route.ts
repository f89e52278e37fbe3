import { receiveWebhook } from '@/lib/webhooks/receive';

/** Linq's events are small; anything far larger is not one of them. */
const MAX_BODY_BYTES = 256 * 1024;

// Linq's webhooks: public (no session), trusted only through the Standard Webhooks signature,
// which the SDK checks against the raw body. The route records the delivery and answers at once;
// a background job applies it to the chat index.
export async function POST(request: Request): Promise<Response> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_BODY_BYTES) return Response.json({ error: 'The delivery is larger than any Linq event.' }, { status: 413 });
  const rawBody = await request.text();
  if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES) return Response.json({ error: 'The delivery is larger than any Linq event.' }, { status: 413 });
  const result = await receiveWebhook(rawBody, Object.fromEntries(request.headers));
  return Response.json(result.body, { status: result.status });
}
