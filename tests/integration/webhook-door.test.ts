import { beforeAll, describe, expect, it, vi } from 'vitest';
import { signatureHeaders } from '@/lib/sandbox/webhooks';
import { startTestConsole } from '../support/console-harness';

// The one route anyone may call: POST /api/webhooks/linq. It must refuse cheaply and never read
// more than a Linq event could be, whatever the request says about itself.

const h = startTestConsole({ sandbox: { chatCount: 0 } });
const LIMIT = 256 * 1024;
let secret = '';

/** A body of `bytes` sent in 16 KiB chunks with no Content-Length, counting what the route pulls. */
function chunkedBody(bytes: number) {
  let pulled = 0;
  const chunk = new Uint8Array(16 * 1024).fill(0x61);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= bytes) return controller.close();
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

function post(body: BodyInit | null, headers: Record<string, string>, address = '198.51.100.7') {
  return new Request('http://console.test/api/webhooks/linq', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-console-peer-address': address, ...headers },
    ...(body instanceof ReadableStream && { duplex: 'half' }),
  } as RequestInit);
}

const route = () => import('@/app/api/webhooks/linq/route');

beforeAll(async () => {
  const user = await h.db.user.create({ data: { email: 'admin@example.com', name: 'Ada Admin', role: 'ADMIN', passwordHash: 'x' } });
  const { connectWebhooks } = await import('@/lib/webhooks/subscription');
  await connectWebhooks({ id: user.id, email: user.email, name: user.name, role: 'ADMIN', numbers: null }, h.linq);
  secret = h.sandbox.store.state.webhook_subscriptions![0]!.signing_secret;
});

describe('POST /api/webhooks/linq', () => {
  it('refuses a delivery without signature headers before reading its body', async () => {
    const { POST } = await route();
    const body = chunkedBody(10 * 1024 * 1024);
    const response = await POST(post(body.stream, {}));
    expect(response.status).toBe(400);
    expect(body.pulled()).toBeLessThanOrEqual(16 * 1024);
  });

  it('stops reading a chunked body at 256 KiB and answers 413, whatever the headers say', async () => {
    const { POST } = await route();
    const headers = signatureHeaders(secret, 'big-1', Math.floor(Date.now() / 1000), 'x');
    const body = chunkedBody(50 * 1024 * 1024);
    const response = await POST(post(body.stream, headers));
    expect(response.status).toBe(413);
    // It read up to the limit and one chunk more, not the 50 MB.
    expect(body.pulled()).toBeLessThanOrEqual(LIMIT + 2 * 16 * 1024);
    // A Content-Length over the limit is refused before reading at all.
    const declared = await POST(post('{}', { ...headers, 'content-length': String(LIMIT + 1) }));
    expect(declared.status).toBe(413);
    expect(await h.db.webhookDelivery.count()).toBe(0);
  });

  it('counts bad signatures in memory, reads the secrets from the database rarely, and slows down an address that keeps sending them', async () => {
    const { POST } = await route();
    const { db } = await import('@/lib/db');
    const secretsRead = vi.spyOn(db.webhookSubscription, 'findMany');
    const forged = (id: string) =>
      signatureHeaders('whsec_' + Buffer.from('not the secret, really not').toString('base64'), id, Math.floor(Date.now() / 1000), '{}');
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await POST(post('{}', forged(`bad-${i}`), '203.0.113.9'))).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(5).fill(429));
    expect(secretsRead.mock.calls.length).toBeLessThanOrEqual(2);
    // Another address is not slowed down by the first one's refusals.
    expect((await POST(post('{}', forged('other-1'), '203.0.113.10'))).status).toBe(401);
    secretsRead.mockRestore();

    // Nothing was written for them yet; a flush writes them in one statement for the day.
    expect(await h.db.webhookDay.findFirst({ where: { refusals: { gt: 0 } } })).toBeNull();
    const { flushRefusals } = await import('@/lib/webhooks/refusals');
    await flushRefusals();
    // (Every refusal of this file: one without headers, two too large, 25 + 1 bad signatures.)
    expect((await h.db.webhookDay.findFirstOrThrow()).refusals).toBe(1 + 2 + 26);
  });
});
