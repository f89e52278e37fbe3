import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@/lib/observability/log';
import { startTestConsole } from '../support/console-harness';

// What the people hosting the console rely on: its readiness, its metrics (only with the token),
// and log lines that tie a share to its record and to Linq's trace id.

const METRICS_TOKEN = 'integration-metrics-token-0123456789';
process.env.METRICS_TOKEN = METRICS_TOKEN;

// Every part of the console logs through this one logger from the start (lib/observability/log.ts).
const lines: Array<Record<string, unknown>> = [];
(globalThis as unknown as { consoleLogger: unknown }).consoleLogger = createLogger(
  { LOG_FORMAT: 'json', LOG_LEVEL: 'info' },
  new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  }),
);

const h = startTestConsole();

async function scrape(authorization?: string): Promise<Response> {
  const { GET } = await import('@/app/api/metrics/route');
  return GET(new Request('http://console.test/api/metrics', { headers: authorization ? { authorization } : {} }));
}

async function newChat(line: string): Promise<string> {
  const { upsertChats } = await import('@/lib/chats/index-store');
  const chat = await h.control<{ id: string }>('POST', '/__sandbox/chats', { from: line, to: [`+1646${String(Math.random()).slice(2, 9)}`], outbound: 1 });
  await upsertChats([await h.linq.getChat(chat.id)], new Date());
  return chat.id;
}

describe('operations', () => {
  it('answers metrics only with the bearer token, and counts shares and Linq calls by endpoint', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape('Bearer not-the-token')).status).toBe(401);

    const actorId = (await h.db.user.create({ data: { email: 'ops@example.com', name: 'Ops', role: 'OPERATOR', passwordHash: 'x' } })).id;
    const line = (await h.control<{ phone_number: string }>('POST', '/__sandbox/lines', { card: { first_name: 'Harbor' } })).phone_number;
    const { shareIntoChat } = await import('@/lib/shares/share-chat');
    expect((await shareIntoChat(actorId, await newChat(line))).status).toBe('shared');

    const answer = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await answer.text();
    expect(text).toContain('console_shares_total{source="MANUAL",outcome="SUCCEEDED"} 1');
    expect(text).toMatch(/console_linq_requests_total\{endpoint="\/v3\/chats\/\{id\}\/share_contact_card",method="POST",status="204"\} 1/);
    expect(text).toMatch(/console_linq_request_duration_seconds_count\{endpoint="\/v3\/chats\/\{id\}",method="GET"\} \d+/);
    expect(text).toContain('console_chats_indexed 1');
    expect(text).toMatch(/console_queue_jobs\{queue="runs.share",state="queued"\} 0/);
    expect(text).toContain('console_webhook_deliveries_waiting 0');
    // Never synced, never sent a webhook: a timestamp of 0, which an alert on their age catches.
    expect(text).toContain('console_sync_last_completed_timestamp_seconds 0');
    expect(text).toContain('console_webhook_last_received_timestamp_seconds 0');
    expect(text).toContain('console_process_resident_memory_bytes');
    // No customer number in any label or value.
    expect(text).not.toMatch(/\+1646\d{7}/);
  });

  it("logs a failed share with its event id and Linq's trace id, as Linq's call does, and never the customer's number", async () => {
    const actorId = (await h.db.user.create({ data: { email: 'ops2@example.com', name: 'Ops 2', role: 'OPERATOR', passwordHash: 'x' } })).id;
    const line = (await h.control<{ phone_number: string }>('POST', '/__sandbox/lines', { card: { first_name: 'Harbor' } })).phone_number;
    const chatId = await newChat(line);
    await h.control('POST', '/__sandbox/faults', { rules: [{ path: `/v3/chats/${chatId}/share_contact_card`, status: 400, code: 2012, times: 1 }] });
    const { shareIntoChat } = await import('@/lib/shares/share-chat');
    const result = await shareIntoChat(actorId, chatId);
    expect(result.status).toBe('failed');
    const event = await h.db.shareEvent.findUniqueOrThrow({ where: { id: result.eventId } });
    expect(event.traceId).toMatch(/^[0-9a-f]{32}$/);

    const shareLine = lines.find((l) => l.msg === 'share' && l.eventId === event.id);
    expect(shareLine).toMatchObject({
      level: 'info',
      component: 'shares',
      chatId,
      source: 'MANUAL',
      outcome: 'FAILED',
      linqCode: 2012,
      traceId: event.traceId,
    });
    const linqLine = lines.find((l) => l.msg === 'linq call' && l.traceId === event.traceId);
    expect(linqLine).toMatchObject({ component: 'linq', method: 'POST', endpoint: '/v3/chats/{id}/share_contact_card', status: 400, linqCode: 2012 });
    const customer = (await h.db.chat.findUniqueOrThrow({ where: { id: chatId } })).participants[0]!;
    expect(JSON.stringify(lines)).not.toContain(customer);
  });

  it('is ready with its database current, and not ready from the moment it begins to stop', async () => {
    const { GET } = await import('@/app/api/ready/route');
    const ready = await GET();
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      ready: true,
      parts: {
        database: { ok: true, detail: 'reachable' },
        migrations: { ok: true, detail: expect.stringMatching(/^all \d+ applied$/) },
        jobs: { ok: true, detail: 'off on this instance (BACKGROUND_JOBS=off)' },
        stopping: { ok: true },
      },
    });
    await h.db.$executeRawUnsafe(
      `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = (SELECT max(migration_name) FROM "_prisma_migrations")`,
    );
    const behind = await GET();
    expect(behind.status).toBe(503);
    expect((await behind.json()).parts.migrations).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/^1 not applied: .+ \(run npm run db:migrate\)$/),
    });
    await h.db.$executeRawUnsafe(`UPDATE "_prisma_migrations" SET rolled_back_at = NULL`);

    const { beginStopping } = await import('@/lib/queue/stopping');
    beginStopping();
    const stopping = await GET();
    expect(stopping.status).toBe(503);
    expect((await stopping.json()).parts.stopping).toEqual({ ok: false, detail: 'stopping' });
  });
});
