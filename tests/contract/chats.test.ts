import { describe, expect, it } from 'vitest';
import { LinqError } from '@/lib/linq/errors';
import { DEMO_LINES } from '@/lib/sandbox/seed';
import { newChat, newLine, startTestSandbox } from './harness';

const harness = startTestSandbox();

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as LinqError,
  );

describe('listing chats', () => {
  it('pages with the default of 20 and a null cursor on the last page', async () => {
    const first = await harness.linq.listChats();
    expect(first.items).toHaveLength(20);
    expect(first.nextCursor).toBe('20');
    const all = await harness.linq.listChats({ limit: 100, cursor: '100' });
    expect(all.items).toHaveLength(20);
    expect(all.nextCursor).toBeNull();
    expect(harness.requests('/v3/chats', 'GET').at(-1)?.query).toEqual({ limit: '100', cursor: '100' });
  });

  it('walks every page of one line exactly once, by hand and with the SDK’s own pagination', async () => {
    const expected = harness.sandbox.store.chats({ from: DEMO_LINES.withActiveCard }).map((c) => c.id);
    const byHand: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await harness.linq.listChats({ from: DEMO_LINES.withActiveCard, limit: 7, cursor });
      byHand.push(...page.items.map((chat) => chat.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(byHand).toEqual(expected);

    const bySdk: string[] = [];
    for await (const chat of harness.sdk.chats.listChats({ from: DEMO_LINES.withActiveCard, limit: 9 })) bySdk.push(chat.id);
    expect(bySdk).toEqual(expected);
    expect(
      harness
        .requests('/v3/chats', 'GET')
        .filter((r) => r.query.limit === '9')
        .every((r) => r.query.from === DEMO_LINES.withActiveCard),
    ).toBe(true);
  });

  it('maps chats to the console’s shape, with the business’s own line marked', async () => {
    const [chat] = (await harness.linq.listChats({ limit: 1 })).items;
    expect(chat).toMatchObject({ id: expect.any(String), isGroup: expect.any(Boolean), handles: expect.any(Array) });
    expect(['iMessage', 'SMS', 'RCS']).toContain(chat!.service);
    expect(['HEALTHY', 'AT_RISK', 'CRITICAL', 'OPTED_OUT']).toContain(chat!.health);
    expect(chat!.handles.filter((h) => h.isMe)).toHaveLength(1);
  });

  it('filters by participant', async () => {
    const line = await newLine(harness);
    const id = await newChat(harness, { from: line, to: ['maria.silva@icloud.com'] });
    const page = await harness.linq.listChats({ to: 'maria.silva@icloud.com' });
    expect(page.items.map((c) => c.id)).toContain(id);
    expect(page.items.every((c) => c.handles.some((h) => h.handle === 'maria.silva@icloud.com'))).toBe(true);
  });

  it.each([
    [{ limit: 101 }, 400, 1005],
    [{ limit: 0 }, 400, 1005],
    [{ cursor: 'not-a-cursor' }, 400, 1005],
    [{ from: '4155550100' }, 400, 1002],
    [{ from: '+19995550199' }, 403, 2006],
    [{ to: 'nobody' }, 400, 1002],
  ])('refuses %o with %i/%i', async (query, status, code) => {
    expect(await failure(harness.linq.listChats(query))).toMatchObject({ status, code });
  });
});

describe('one chat and its messages', () => {
  it('reads a chat, and 404/2001 for an unknown one', async () => {
    const line = await newLine(harness);
    const id = await newChat(harness, { from: line, service: 'SMS' });
    await expect(harness.linq.getChat(id)).resolves.toMatchObject({ id, service: 'SMS' });
    expect(await failure(harness.linq.getChat('00000000-0000-4000-8000-000000000000'))).toMatchObject({ status: 404, code: 2001 });
    expect(await failure(harness.linq.listMessages('00000000-0000-4000-8000-000000000000'))).toMatchObject({ status: 404, code: 2001 });
  });

  it('counts its requests by endpoint for a benchmark, however short its log, until cleared', async () => {
    const control = (method: string) => fetch(`${harness.sandbox.origin}/__sandbox/requests?counts`, { method }).then((r) => r.json());
    await control('DELETE');
    const [first, second] = (await harness.linq.listChats({ limit: 2 })).items;
    await harness.linq.getChat(first!.id);
    await harness.linq.listMessages(second!.id);
    await harness.linq.listMessages(first!.id);
    expect(await control('GET')).toEqual({ counts: { 'GET /v3/chats': 1, 'GET /v3/chats/{id}': 1, 'GET /v3/chats/{id}/messages': 2 } });
    await control('DELETE');
    expect(await control('GET')).toEqual({ counts: {} });
  });

  it('tells whether the business has sent a message, reading every page if it must, with the latest message each way', async () => {
    const line = await newLine(harness);
    const inboundOnly = await newChat(harness, { from: line, inbound: 5, outbound: 0 });
    const withOutbound = await newChat(harness, { from: line, inbound: 250, outbound: 1 });
    const none = await harness.linq.readOutbound(inboundOnly);
    expect(none).toMatchObject({ hasOutbound: false, lastOutboundAt: null });
    expect(none.lastInboundAt).toMatch(/^\d{4}-/);
    expect(harness.requests(`/v3/chats/${inboundOnly}/messages`)).toHaveLength(1);
    const found = await harness.linq.readOutbound(withOutbound);
    expect(found.hasOutbound).toBe(true);
    expect(Date.parse(found.lastOutboundAt!)).toBeGreaterThan(Date.parse(found.lastInboundAt!));
    // Newest first here, so the outbound message is on the first page.
    expect(harness.requests(`/v3/chats/${withOutbound}/messages`)).toHaveLength(1);
    const page = await harness.linq.listMessages(withOutbound, { limit: 100, cursor: '200' });
    expect(page.items).toHaveLength(51);
    expect(page.nextCursor).toBeNull();
  });

  it('creates a chat and sends into it: the new messages are outbound', async () => {
    const line = await newLine(harness);
    const created = await harness.sdk.chats.create({ from: line, to: ['+13125550188'], message: { parts: [{ type: 'text', value: 'Hello from the shop' }] } });
    const sent = await harness.sdk.chats.messages.send(created.chat.id, { message: { parts: [{ type: 'text', value: 'See https://example.com' }] } });
    expect(sent.chat_id).toBe(created.chat.id);
    const messages = await harness.linq.listMessages(created.chat.id);
    expect(messages.items.map((m) => [m.text, m.isFromMe])).toEqual([
      ['See https://example.com', true],
      ['Hello from the shop', true],
    ]);
    const again = await harness.sdk.chats.create({ from: line, to: ['+13125550188'], message: { parts: [{ type: 'text', value: 'Same chat' }] } });
    expect(again.chat.id).toBe(created.chat.id);
  });

  it('refuses a link in the first message of a new chat with 400/1005', async () => {
    const line = await newLine(harness);
    const error = await harness.sdk.chats
      .create({ from: line, to: ['+13125550177'], message: { parts: [{ type: 'text', value: 'Visit https://example.com' }] } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, error: { error: { code: 1005 } } });
  });

  it('returns the original message for a repeated idempotency key', async () => {
    const line = await newLine(harness);
    const chat = await newChat(harness, { from: line });
    const message = { parts: [{ type: 'text' as const, value: 'Only once' }], idempotency_key: `key-${chat}` };
    const first = await harness.sdk.chats.messages.send(chat, { message });
    const second = await harness.sdk.chats.messages.send(chat, { message });
    expect(second.message.id).toBe(first.message.id);
    expect((await harness.linq.listMessages(chat)).items.filter((m) => m.text === 'Only once')).toHaveLength(1);
  });

  it('limits messages per sender–recipient pair with 429/1007 and Retry-After', async () => {
    const line = await newLine(harness);
    const chat = await newChat(harness, { from: line, to: ['+13125550166'] });
    harness.sandbox.behaviour.messageRateLimit = 2;
    try {
      const send = () => harness.sdk.chats.messages.send(chat, { message: { parts: [{ type: 'text', value: 'hi' }] } }, { maxRetries: 0 });
      await send();
      await send();
      const error = await send().catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 429, error: { error: { code: 1007, retry_after: expect.any(Number) } } });
    } finally {
      harness.sandbox.behaviour.messageRateLimit = 30;
    }
  });
});
