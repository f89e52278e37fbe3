import { beforeAll, describe, expect, it } from 'vitest';
import { createLinqClient } from '@/lib/linq/client';
import { LinqGateway } from '@/lib/linq/gateway';
import { startTestConsole } from '../support/console-harness';

// A share whose request times out may have reached the customer: it is recorded as "Unknown outcome"
// and the chat is held as if shared, until the cooldown passes or an operator releases it.

const h = startTestConsole();
let actorId = '';
let line = '';

async function newChat(): Promise<string> {
  const { upsertChats } = await import('@/lib/chats/index-store');
  const chat = await h.control<{ id: string }>('POST', '/__sandbox/chats', { from: line, to: [`+1646${String(Math.random()).slice(2, 9)}`], outbound: 1 });
  await upsertChats([await h.linq.getChat(chat.id)], new Date());
  return chat.id;
}

beforeAll(async () => {
  actorId = (await h.db.user.create({ data: { email: 'op@example.com', name: 'Olive Operator', role: 'OPERATOR', passwordHash: 'x' } })).id;
  line = (await h.control<{ phone_number: string }>('POST', '/__sandbox/lines', { card: { first_name: 'Harbor' } })).phone_number;
});

describe('shares and what became of them', () => {
  it('refuses, without asking Linq, a chat the console does not know', async () => {
    const { shareIntoChat } = await import('@/lib/shares/share-chat');
    const before = h.sandbox.store.requestLog.length;
    const result = await shareIntoChat(actorId, 'made-up-chat-id');
    expect(result).toMatchObject({ status: 'refused', reason: expect.stringMatching(/does not know this chat/) });
    expect(h.sandbox.store.requestLog.length).toBe(before);
  });

  it('marks a chat gone when Linq answers 404, and refuses it from then on without asking again', async () => {
    const { shareIntoChat } = await import('@/lib/shares/share-chat');
    const chatId = await newChat();
    await h.control('DELETE', `/__sandbox/chats/${chatId}`);
    expect((await shareIntoChat(actorId, chatId)).status).toBe('failed');
    expect((await h.db.chat.findUniqueOrThrow({ where: { id: chatId } })).goneAt).not.toBeNull();
    const before = h.sandbox.store.requestLog.length;
    expect(await shareIntoChat(actorId, chatId)).toMatchObject({ status: 'refused', reason: 'Linq no longer has this chat.' });
    expect(h.sandbox.store.requestLog.length).toBe(before);
  });

  it('holds the chat after a share that timed out, says so, and lets an operator release it', async () => {
    const { shareIntoChat } = await import('@/lib/shares/share-chat');
    const { releaseHold } = await import('@/lib/shares/reservation');
    const { SANDBOX_API_KEY } = await import('@/lib/env');
    const impatient = new LinqGateway(createLinqClient({ apiKey: SANDBOX_API_KEY, baseUrl: h.sandbox.baseUrl }), { shareMs: 300 });
    const chatId = await newChat();
    await h.control('POST', '/__sandbox/faults', { rules: [{ path: `/v3/chats/${chatId}/share_contact_card`, delayMs: 1_000, times: 1 }] });

    const result = await shareIntoChat(actorId, chatId, { linq: impatient });
    if (result.status !== 'unknown') throw new Error(`expected an unknown outcome, got ${result.status}`);
    expect(result.message).toMatch(/^Linq did not answer in time; the card may have reached the customer\. The chat is held until .+, or until an operator releases it\.$/);
    expect(await h.db.shareEvent.findUniqueOrThrow({ where: { id: result.eventId } })).toMatchObject({ outcome: 'UNKNOWN', message: result.message });
    // Linq did apply it, as it may have: the console must not share again within the cooldown.
    await expect.poll(() => h.sandbox.store.state.shares.filter((s) => s.chat_id === chatId).length, { timeout: 3_000 }).toBe(1);
    const retry = await shareIntoChat(actorId, chatId, { linq: impatient });
    expect(retry).toMatchObject({ status: 'refused', reason: expect.stringMatching(/^Linq did not answer in time; the card may have reached the customer/) });
    expect(h.sandbox.store.state.shares.filter((s) => s.chat_id === chatId)).toHaveLength(1);

    expect(await releaseHold(chatId, actorId)).toBe(true);
    expect(await releaseHold(chatId, actorId)).toBe(false);
    expect(await h.db.shareHoldRelease.findFirstOrThrow({ where: { chatId } })).toMatchObject({ actorId, eventId: result.eventId });
    expect((await shareIntoChat(actorId, chatId)).status).toBe('shared');
  });

  it('records a share Linq refused as failed, and frees the chat at once', async () => {
    const { shareIntoChat } = await import('@/lib/shares/share-chat');
    const chatId = await newChat();
    await h.control('POST', '/__sandbox/faults', { rules: [{ path: `/v3/chats/${chatId}/share_contact_card`, status: 500, times: 1 }] });
    expect(await shareIntoChat(actorId, chatId)).toMatchObject({ status: 'failed', code: 3006 });
    expect((await h.db.chatShareState.findUniqueOrThrow({ where: { chatId } })).lastSucceededAt).toBeNull();
    expect((await shareIntoChat(actorId, chatId)).status).toBe('shared');
  });
});
