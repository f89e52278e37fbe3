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
    expect(result.message).toMatch(
      /^Linq did not answer in time; the card may have reached the customer\. The chat is held until .+, or until an operator releases it\.$/,
    );
    expect(await h.db.shareEvent.findUniqueOrThrow({ where: { id: result.eventId } })).toMatchObject({ outcome: 'UNKNOWN', message: result.message });
    // Linq did apply it, as it may have: the console must not share again within the cooldown.
    await expect.poll(() => h.sandbox.store.state.shares.filter((s) => s.chat_id === chatId).length, { timeout: 3_000 }).toBe(1);
    // Refused from the database alone: not a single Linq call.
    const calls = h.sandbox.store.requestLog.length;
    const retry = await shareIntoChat(actorId, chatId, { linq: impatient });
    expect(retry).toMatchObject({
      status: 'refused',
      code: 'cooldown',
      reason: expect.stringMatching(/^Linq did not answer in time; the card may have reached the customer/),
    });
    expect(h.sandbox.store.requestLog.length).toBe(calls);
    expect(h.sandbox.store.state.shares.filter((s) => s.chat_id === chatId)).toHaveLength(1);

    // Not while the first request could still land (its 300 ms limit here, 20 s in the console, and a margin).
    await expect(releaseHold(chatId, actorId, 'The customer says nothing was offered.')).rejects.toThrow(
      /may still be on its way to Linq: it can be released from/,
    );
    const event = await h.db.shareEvent.findUniqueOrThrow({ where: { id: result.eventId } });
    const { holdReleasableAt } = await import('@/lib/shares/hold-release');
    const later = holdReleasableAt(event);
    expect(later.getTime() - event.completedAt!.getTime()).toBeGreaterThanOrEqual(60_000);
    expect(await releaseHold(chatId, actorId, 'The customer says nothing was offered.', later)).toBe(true);
    expect(await releaseHold(chatId, actorId, 'Again.', later)).toBe(false);
    expect(await h.db.shareHoldRelease.findFirstOrThrow({ where: { chatId } })).toMatchObject({
      actorId,
      eventId: result.eventId,
      reason: 'The customer says nothing was offered.',
    });
    expect((await shareIntoChat(actorId, chatId)).status).toBe('shared');
    // The unknown outcome now reads "retried → shared".
    expect(await h.db.shareEvent.findUniqueOrThrow({ where: { id: result.eventId } })).toMatchObject({ supersededAt: expect.any(Date) });
  });

  it('records a share Linq refused as failed, and frees the chat at once; the retry that shares supersedes it', async () => {
    const { shareIntoChat } = await import('@/lib/shares/share-chat');
    const chatId = await newChat();
    await h.control('POST', '/__sandbox/faults', { rules: [{ path: `/v3/chats/${chatId}/share_contact_card`, status: 500, times: 1 }] });
    const failed = await shareIntoChat(actorId, chatId);
    expect(failed).toMatchObject({ status: 'failed', code: 3006 });
    expect(await h.db.shareEvent.findUniqueOrThrow({ where: { id: failed.eventId } })).toMatchObject({
      outcome: 'FAILED',
      reason: 'linq_3006',
      supersededAt: null,
    });
    expect((await h.db.chatShareState.findUniqueOrThrow({ where: { chatId } })).lastSucceededAt).toBeNull();
    const shared = await shareIntoChat(actorId, chatId);
    expect(shared.status).toBe('shared');
    expect(await h.db.shareEvent.findUniqueOrThrow({ where: { id: failed.eventId } })).toMatchObject({ supersededById: shared.eventId });
  });

  it('holds a chat whose reservation a stopped console abandoned, instead of sharing it again', async () => {
    const { shareIntoChat } = await import('@/lib/shares/share-chat');
    const chatId = await newChat();
    // A share that reserved the chat three minutes ago and never came back (its console was killed).
    const event = await h.db.shareEvent.create({ data: { chatId, actorId, chatLabel: chatId, participants: [] } });
    await h.db.chatShareState.create({ data: { chatId, reservedAt: new Date(Date.now() - 3 * 60_000), reservedBy: event.id } });
    const calls = h.sandbox.store.requestLog.length;
    expect(await shareIntoChat(actorId, chatId)).toMatchObject({
      status: 'refused',
      code: 'cooldown',
      reason: expect.stringMatching(/may have reached the customer/),
    });
    expect(h.sandbox.store.requestLog.length).toBe(calls);
    expect(await h.db.shareEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ outcome: 'UNKNOWN', reason: 'interrupted' });
    expect(await h.db.chatShareState.findUniqueOrThrow({ where: { chatId } })).toMatchObject({ heldByEventId: event.id, reservedBy: null });
  });
});
