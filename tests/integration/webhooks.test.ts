import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { signatureHeaders } from '@/lib/sandbox/webhooks';
import { startTestConsole } from '../support/console-harness';

// Linq's webhooks through the console: verification with the SDK, one record per webhook-id,
// and each event applied to the chat index so that it stays right whatever the order.

const h = startTestConsole({ sandbox: { chatCount: 40, seed: 11 } });
let secret = '';
let actor: { id: string; email: string; name: string; role: 'ADMIN'; numbers: null };

async function modules() {
  const [{ receiveWebhook }, { applyWaitingDeliveries }] = await Promise.all([import('@/lib/webhooks/receive'), import('@/lib/webhooks/apply')]);
  return { receiveWebhook, applyWaitingDeliveries };
}

let sequence = 0;
function event(eventType: string, data: Record<string, unknown>, createdAt = new Date()) {
  sequence += 1;
  return JSON.stringify({
    api_version: 'v3',
    webhook_version: '2026-02-03',
    event_type: eventType,
    event_id: `evt_${sequence}`,
    created_at: createdAt.toISOString(),
    partner_id: 'p',
    trace_id: 't',
    data,
  });
}

function signed(body: string, options: { id?: string; key?: string; timestamp?: number } = {}) {
  const id = options.id ?? `msg_${Date.now()}_${Math.random().toString(36).slice(2)}`;
  return signatureHeaders(options.key ?? secret, id, options.timestamp ?? Math.floor(Date.now() / 1000), body);
}

async function deliver(body: string, headers: Record<string, string>) {
  const { receiveWebhook, applyWaitingDeliveries } = await modules();
  const result = await receiveWebhook(body, headers);
  await applyWaitingDeliveries(h.backgroundLinq, 10_000);
  return result;
}

const sentAt = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
const messageData = (chatId: string, direction: 'inbound' | 'outbound', at: string) => ({
  id: `m_${at}`,
  direction,
  chat: { id: chatId, is_group: false },
  sent_at: at,
  parts: [],
});

beforeAll(async () => {
  const { db } = h;
  const user = await db.user.create({ data: { email: 'admin@example.com', name: 'Ada Admin', role: 'ADMIN', passwordHash: 'x' } });
  actor = { id: user.id, email: user.email, name: user.name, role: 'ADMIN', numbers: null };
  const { connectWebhooks } = await import('@/lib/webhooks/subscription');
  await connectWebhooks(actor, h.linq);
  secret = h.sandbox.store.state.webhook_subscriptions![0]!.signing_secret;
  // The index holds the sandbox's chats, none of which has had an outbound message read yet.
  const { upsertChats } = await import('@/lib/chats/index-store');
  const page = await h.linq.listChats({ limit: 100 });
  await upsertChats(page.items, new Date());
});

describe('Connect', () => {
  it('subscribes with the events the index needs, keeps the secret encrypted, and is audited', async () => {
    const [subscription] = h.sandbox.store.state.webhook_subscriptions!;
    expect(subscription!.target_url).toMatch(/\/api\/webhooks\/linq\?version=2026-02-03$/);
    expect(subscription!.subscribed_events.sort()).toEqual(
      ['chat.created', 'message.failed', 'message.received', 'message.sent', 'participant.added', 'participant.removed', 'phone_number.status_updated'].sort(),
    );
    const stored = await h.db.webhookSubscription.findFirstOrThrow();
    expect(stored.secretCiphertext).not.toContain(secret.slice(6, 20));
    const { openWebhookSecret } = await import('@/lib/webhooks/keys');
    expect(openWebhookSecret(stored.secretCiphertext)).toBe(secret);
    const change = await h.db.settingsChange.findFirstOrThrow();
    expect(change).toMatchObject({ kind: 'WEBHOOK_CONNECTED', actorId: actor.id, subject: subscription!.target_url });
    const { connectWebhooks } = await import('@/lib/webhooks/subscription');
    await expect(connectWebhooks(actor, h.linq)).rejects.toThrow(/already connected/);
  });
});

describe('signatures', () => {
  it('accepts only a valid first delivery; tampering, another secret, a stale timestamp, missing headers and a replay change nothing', async () => {
    const chat = await h.db.chat.findFirstOrThrow({ where: { outbound: 'UNKNOWN' } });
    const body = event('message.sent', messageData(chat.id, 'outbound', sentAt(5)));
    const headers = signed(body);

    const tampered = await deliver(body.replace(chat.id, 'another-chat'), headers);
    expect(tampered.status).toBe(401);
    const otherSecret = await deliver(body, signed(body, { key: 'whsec_' + Buffer.from('not the secret, really not').toString('base64') }));
    expect(otherSecret.status).toBe(401);
    const stale = await deliver(body, signed(body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }));
    expect(stale.status).toBe(401);
    const missing = await deliver(body, { 'content-type': 'application/json' });
    expect(missing.status).toBe(400);
    expect(await h.db.webhookDelivery.count()).toBe(0);
    expect((await h.db.chat.findUniqueOrThrow({ where: { id: chat.id } })).outbound).toBe('UNKNOWN');

    expect(await deliver(body, headers)).toEqual({ status: 200, body: { received: true, duplicate: false } });
    expect(await deliver(body, headers)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(await h.db.webhookDelivery.count()).toBe(1);
    expect(await h.db.chat.findUniqueOrThrow({ where: { id: chat.id } })).toMatchObject({ outbound: 'YES', outboundSource: 'WEBHOOK' });

    // Refusals are counted in memory and written in one statement a few seconds later.
    expect(await h.db.webhookDay.findFirst({ where: { refusals: { gt: 0 } } })).toBeNull();
    const { flushRefusals } = await import('@/lib/webhooks/refusals');
    await flushRefusals();
    const day = await h.db.webhookDay.findFirstOrThrow();
    expect(day).toMatchObject({ refusals: 4, duplicates: 1 });
    expect(day.lastRefusalReason).toMatch(/signature headers/);
  });
});

describe('a burst', () => {
  it('stores deliveries that arrive together once each and in their order, answers and counts repeats, and one the database refuses fails alone', async () => {
    const { receiveWebhook, applyWaitingDeliveries } = await modules();
    const day = async () => (await h.db.webhookDay.findFirst())?.duplicates ?? 0;
    const duplicatesBefore = await day();
    const stamp = Date.now();
    // Events the index ignores, so that the chats stay as the other tests expect them.
    const delivery = (name: string, data: Record<string, unknown> = {}) => {
      const body = event('chat.typing_indicator.started', { name, ...data });
      return { id: `msg_burst_${stamp}_${name}`, body, headers: signed(body, { id: `msg_burst_${stamp}_${name}` }) };
    };
    const [a, b, c] = [delivery('a'), delivery('b'), delivery('c')];
    // All at once, so stored in one group: a webhook-id twice within it, and another group's id after it.
    const answers = await Promise.all([a, b, a, c, b].map((d) => receiveWebhook(d.body, d.headers)));
    expect(answers.map((answer) => answer.status === 200 && answer.body.duplicate)).toEqual([false, false, true, false, true]);
    const again = await Promise.all([c, delivery('f')].map((d) => receiveWebhook(d.body, d.headers)));
    expect(again.map((answer) => answer.status === 200 && answer.body.duplicate)).toEqual([true, false]);
    const stored = await h.db.webhookDelivery.findMany({ where: { id: { startsWith: `msg_burst_${stamp}_` } }, orderBy: { receivedAt: 'asc' } });
    expect(stored.map((row) => row.id)).toEqual([a.id, b.id, c.id, `msg_burst_${stamp}_f`]);
    expect(stored[2]!.payload).toEqual(JSON.parse(c.body));
    expect(await day()).toBe(duplicatesBefore + 3);

    // PostgreSQL refuses a lone surrogate in JSON: that delivery fails (Linq sends it again), its neighbours do not.
    const [d, poison, e] = [delivery('d'), delivery('poison', { text: '\ud800' }), delivery('e')];
    const settled = await Promise.allSettled([d, poison, e].map((x) => receiveWebhook(x.body, x.headers)));
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await h.db.webhookDelivery.count({ where: { id: { in: [d.id, poison.id, e.id] } } })).toBe(2);
    await applyWaitingDeliveries(h.backgroundLinq, 10_000);
  });
});

describe('events', () => {
  it('keeps the latest facts whatever the order, and never turns "yes" back into "no"', async () => {
    const chat = await h.db.chat.findFirstOrThrow({ where: { outbound: 'UNKNOWN' } });
    const newerAt = sentAt(2);
    const newer = event('message.received', messageData(chat.id, 'inbound', newerAt));
    const older = event('message.received', messageData(chat.id, 'inbound', sentAt(30)));
    await deliver(newer, signed(newer));
    await deliver(older, signed(older));
    const sent = event('message.sent', messageData(chat.id, 'outbound', sentAt(10)));
    await deliver(sent, signed(sent));
    const row = await h.db.chat.findUniqueOrThrow({ where: { id: chat.id } });
    expect(row.lastInboundAt?.toISOString()).toBe(newerAt);
    expect(row.outbound).toBe('YES');

    // A read of the messages that began before the event does not undo it…
    const { recordOutboundReads } = await import('@/lib/chats/index-store');
    const none = { hasOutbound: false, lastOutboundAt: null, lastInboundAt: null };
    await recordOutboundReads([{ chatId: chat.id, facts: none }], new Date(Date.now() - 60_000));
    expect(await h.db.chat.findUniqueOrThrow({ where: { id: chat.id } })).toMatchObject({ outbound: 'YES', outboundSource: 'WEBHOOK' });
    // …one that began after it is the authority over what only the event said;
    await recordOutboundReads([{ chatId: chat.id, facts: none }], new Date());
    expect((await h.db.chat.findUniqueOrThrow({ where: { id: chat.id } })).outbound).toBe('NO');
    // and a "yes" the messages showed is never undone.
    await recordOutboundReads([{ chatId: chat.id, facts: { hasOutbound: true, lastOutboundAt: sentAt(10), lastInboundAt: null } }], new Date());
    await recordOutboundReads([{ chatId: chat.id, facts: none }], new Date());
    expect(await h.db.chat.findUniqueOrThrow({ where: { id: chat.id } })).toMatchObject({ outbound: 'YES', outboundSource: 'MESSAGES' });
  });

  it('believes a signed event only as far as it may: times up to its arrival, chats as Linq reads them, lines of the account only', async () => {
    const { refreshLines } = await import('@/lib/lines/store');
    await refreshLines(h.linq);
    // A message.sent claimed for a chat where the business never wrote: the page may say so for a
    // while, but Share reads the messages before trusting it, and the next full sync corrects it.
    const silent = await h.control<{ id: string }>('POST', '/__sandbox/chats', {
      from: h.sandbox.store.state.lines[0]!.phone_number,
      to: ['+13125550888'],
      inbound: 1,
      outbound: 0,
    });
    const future = '2099-01-01T00:00:00.000Z';
    const claimed = event('message.sent', messageData(silent.id, 'outbound', future));
    await deliver(claimed, signed(claimed));
    const afterEvent = await h.db.chat.findUniqueOrThrow({ where: { id: silent.id } });
    expect(afterEvent).toMatchObject({ outbound: 'YES', outboundSource: 'WEBHOOK' });
    // Its time is clamped to its arrival (plus five minutes), not 2099.
    expect(afterEvent.lastOutboundAt!.getTime()).toBeLessThanOrEqual(Date.now() + 5 * 60_000);
    const { confirmOutbound } = await import('@/lib/chats/outbound');
    expect(await confirmOutbound(h.linq, silent.id)).toBe('no');
    expect((await h.db.chat.findUniqueOrThrow({ where: { id: silent.id } })).outbound).toBe('NO');

    // chat.created is read again from Linq: an opted-out chat stays opted out whatever the event says.
    const optedOut = await h.control<{ id: string }>('POST', '/__sandbox/chats', {
      from: h.sandbox.store.state.lines[0]!.phone_number,
      to: ['+13125550777'],
      outbound: 1,
      health: 'OPTED_OUT',
    });
    const lie = event('chat.created', { id: optedOut.id, handles: [], health_status: { status: 'HEALTHY' }, created_at: future, updated_at: future });
    await deliver(lie, signed(lie));
    const indexed = await h.db.chat.findUniqueOrThrow({ where: { id: optedOut.id } });
    expect(indexed.health).toBe('OPTED_OUT');
    expect(indexed.linqUpdatedAt!.getTime()).toBeLessThan(Date.now() + 60_000);

    // A line event for a number that is not the account's creates nothing.
    const foreign = event('phone_number.status_updated', { phone_number: '+19995550123', new_status: 'FLAGGED', changed_at: sentAt(1) });
    await deliver(foreign, signed(foreign, { id: 'foreign-line' }));
    expect(await h.db.sendingLine.findUnique({ where: { phoneNumber: '+19995550123' } })).toBeNull();
    expect(await h.db.webhookDelivery.findUniqueOrThrow({ where: { id: 'foreign-line' } })).toMatchObject({
      status: 'IGNORED',
      error: expect.stringMatching(/^Not one of the account’s numbers/),
    });

    // A 2099 FLAGGED is believed only up to its arrival: Linq's next real change overrides it.
    const line = h.sandbox.store.state.lines[2]!.phone_number;
    const pinned = event('phone_number.status_updated', { phone_number: line, new_status: 'FLAGGED', changed_at: future });
    await deliver(pinned, signed(pinned));
    expect((await h.db.sendingLine.findUniqueOrThrow({ where: { phoneNumber: line } })).status).toBe('FLAGGED');
    const active = event('phone_number.status_updated', {
      phone_number: line,
      new_status: 'ACTIVE',
      changed_at: new Date(Date.now() + 6 * 60_000).toISOString(),
    });
    await deliver(active, signed(active));
    expect((await h.db.sendingLine.findUniqueOrThrow({ where: { phoneNumber: line } })).status).toBe('ACTIVE');

    // A NUL character in a signed event is dropped before storing (the database cannot keep it).
    const nul = event('message.received', { ...messageData(silent.id, 'inbound', sentAt(1)), parts: [{ type: 'text', value: 'hi\u0000there' }] });
    expect((await deliver(nul, signed(nul, { id: 'nul-1' }))).status).toBe(200);
    expect(JSON.stringify((await h.db.webhookDelivery.findUniqueOrThrow({ where: { id: 'nul-1' } })).payload)).toContain('hithere');
  });

  it('records a batch of customers’ messages together, the latest time winning in any order, and reads a chat new to the index', async () => {
    const { receiveWebhook, applyWaitingDeliveries } = await modules();
    const [first, second] = await h.db.chat.findMany({ where: { goneAt: null }, orderBy: { id: 'desc' }, take: 2 });
    const line = h.sandbox.store.state.lines[0]!.phone_number;
    const fresh = await h.control<{ id: string }>('POST', '/__sandbox/chats', { from: line, to: ['+13125550998'], inbound: 1 });
    const messages = [
      { id: `batch-newer-${first!.id}`, chatId: first!.id, at: sentAt(3) },
      { id: `batch-older-${first!.id}`, chatId: first!.id, at: sentAt(9) },
      { id: `batch-${second!.id}`, chatId: second!.id, at: sentAt(4) },
      { id: `batch-${fresh.id}`, chatId: fresh.id, at: sentAt(2) },
    ];
    // Received first, applied together afterwards, as the job finds them.
    for (const message of messages) {
      const body = event('message.received', messageData(message.chatId, 'inbound', message.at));
      expect((await receiveWebhook(body, signed(body, { id: message.id }))).status).toBe(200);
    }
    await applyWaitingDeliveries(h.backgroundLinq, 10_000);
    const chats = await h.db.chat.findMany({ where: { id: { in: [first!.id, second!.id, fresh.id] } } });
    const inboundOf = (id: string) => chats.find((chat) => chat.id === id)!.lastInboundAt!.getTime();
    expect(inboundOf(first!.id)).toBeGreaterThanOrEqual(new Date(messages[0]!.at).getTime());
    expect(inboundOf(second!.id)).toBeGreaterThanOrEqual(new Date(messages[2]!.at).getTime());
    expect(inboundOf(fresh.id)).toBe(new Date(messages[3]!.at).getTime());
    for (const message of messages) {
      expect(await h.db.chatTurn.count({ where: { chatId: message.chatId, fromUs: false, at: new Date(message.at) } })).toBe(1);
    }
    // The known chats were written by one statement: they share its transaction id.
    const versions = await h.db.$queryRaw<Array<{ xmin: string }>>`SELECT xmin::text FROM "Chat" WHERE "id" IN (${first!.id}, ${second!.id})`;
    expect(new Set(versions.map((row) => row.xmin)).size).toBe(1);
    const rows = await h.db.webhookDelivery.findMany({ where: { id: { in: messages.map((m) => m.id) } }, orderBy: { id: 'asc' } });
    expect(Object.fromEntries(rows.map((row) => [row.id, [row.status, row.change]]))).toEqual({
      [messages[0]!.id]: ['APPLIED', 'The customer’s message recorded.'],
      [messages[1]!.id]: ['APPLIED', 'The customer’s message recorded.'],
      [messages[2]!.id]: ['APPLIED', 'The customer’s message recorded.'],
      [messages[3]!.id]: ['APPLIED', 'The customer’s message recorded (the chat was new to the index: read from Linq first).'],
    });
  });

  it('adds a chat it has not indexed yet, reading it from Linq', async () => {
    const line = h.sandbox.store.state.lines[0]!.phone_number;
    const created = await h.control<{ id: string }>('POST', '/__sandbox/chats', { from: line, to: ['+13125550999'], inbound: 1 });
    const body = event('message.received', messageData(created.id, 'inbound', sentAt(1)));
    await deliver(body, signed(body, { id: `new-chat-${created.id}` }));
    const row = await h.db.chat.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ sendingNumber: line, participants: ['+13125550999'] });
    expect(row.lastInboundAt).not.toBeNull();
    // The delivery log says what it was about and what applying it changed.
    expect(await h.db.webhookDelivery.findUniqueOrThrow({ where: { id: `new-chat-${created.id}` } })).toMatchObject({
      status: 'APPLIED',
      subject: `chat:${created.id}`,
      change: 'The customer’s message recorded (the chat was new to the index: read from Linq first).',
      applyMs: expect.any(Number),
    });
  });

  it('says in the delivery log when applying an event made a chat eligible for the card', async () => {
    const line = (await h.control<{ phone_number: string }>('POST', '/__sandbox/lines', { card: { first_name: 'Harbor' } })).phone_number;
    const { refreshLines } = await import('@/lib/lines/store');
    await refreshLines(h.linq);
    const created = await h.control<{ id: string }>('POST', '/__sandbox/chats', { from: line, to: ['+13125550777'], outbound: 0 });
    const { upsertChats } = await import('@/lib/chats/index-store');
    await upsertChats([await h.linq.getChat(created.id)], new Date());
    const sent = event('message.sent', messageData(created.id, 'outbound', sentAt(1)));
    await deliver(sent, signed(sent, { id: `eligible-${created.id}` }));
    expect((await h.db.webhookDelivery.findUniqueOrThrow({ where: { id: `eligible-${created.id}` } })).change).toBe(
      'Our message recorded: the chat has an outbound message. The chat became eligible for the card.',
    );
    // Another message changes nothing about its eligibility: nothing more is said.
    const again = event('message.sent', messageData(created.id, 'outbound', sentAt(2)));
    await deliver(again, signed(again, { id: `eligible-again-${created.id}` }));
    expect((await h.db.webhookDelivery.findUniqueOrThrow({ where: { id: `eligible-again-${created.id}` } })).change).toBe(
      'Our message recorded: the chat has an outbound message.',
    );
  });

  it('records a line flagged by Linq, ignoring an older change that arrives late', async () => {
    const { refreshLines } = await import('@/lib/lines/store');
    await refreshLines(h.linq);
    const line = h.sandbox.store.state.lines[1]!.phone_number;
    const flagged = event('phone_number.status_updated', { phone_number: line, new_status: 'FLAGGED', changed_at: sentAt(1), new_reputation: 'CRITICAL' });
    const olderActive = event('phone_number.status_updated', { phone_number: line, new_status: 'ACTIVE', changed_at: sentAt(20), new_reputation: 'HEALTHY' });
    await deliver(flagged, signed(flagged));
    await deliver(olderActive, signed(olderActive));
    expect(await h.db.sendingLine.findUniqueOrThrow({ where: { phoneNumber: line } })).toMatchObject({ status: 'FLAGGED', reputation: 'CRITICAL' });
  });

  it('records message.failed and events it does not use without touching the index', async () => {
    const failed = event('message.failed', { code: 4001, failed_at: sentAt(1), chat_id: 'some-chat' });
    const typing = event('chat.typing_indicator.started', { chat_id: 'some-chat' });
    await deliver(failed, signed(failed, { id: 'failed-1' }));
    await deliver(typing, signed(typing, { id: 'typing-1' }));
    expect(await h.db.webhookDelivery.findUniqueOrThrow({ where: { id: 'failed-1' } })).toMatchObject({
      status: 'IGNORED',
      error: expect.stringMatching(/code 4001/),
    });
    expect(await h.db.webhookDelivery.findUniqueOrThrow({ where: { id: 'typing-1' } })).toMatchObject({
      status: 'IGNORED',
      eventType: 'chat.typing_indicator.started',
    });
  });
});

describe('the sandbox as Linq', () => {
  it('delivers signed events the SDK verifies, and tries again after a 5xx', async () => {
    let failNext = true;
    const received: number[] = [];
    const { receiveWebhook } = await modules();
    const server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      if (failNext) {
        failNext = false;
        res.writeHead(503).end();
        return;
      }
      const result = await receiveWebhook(
        Buffer.concat(chunks).toString('utf8'),
        Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      );
      received.push(result.status);
      res.writeHead(result.status, { 'content-type': 'application/json' }).end(JSON.stringify(result.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    h.sandbox.behaviour.webhookRetryBaseMs = 50;
    const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const created = await h.linq.createWebhookSubscription({ targetUrl: target, events: ['message.received'] });
    const { sealWebhookSecret, forgetWebhookSecrets } = await import('@/lib/webhooks/keys');
    await h.db.webhookSubscription.create({
      data: { id: created.id, targetUrl: target, events: created.events, secretCiphertext: sealWebhookSecret(created.signingSecret), createdById: actor.id },
    });
    forgetWebhookSecrets();
    try {
      const chat = h.sandbox.store.state.chats[0]!;
      await h.control('POST', `/__sandbox/chats/${chat.id}/customer-reply`, { text: 'Thanks!' });
      await expect.poll(() => received, { timeout: 5_000 }).toEqual([200]);
      const attempts = h.sandbox.webhooks.attempts.filter((a) => a.subscription_id === created.id);
      expect(attempts.map((a) => [a.attempt, a.status])).toEqual([
        [1, 503],
        [2, 200],
      ]);
      expect(new Set(attempts.map((a) => a.webhook_id)).size).toBe(1);
    } finally {
      server.close();
    }
  });
});
