import { beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestConsole } from '../support/console-harness';

// A number's automatic share, driven by a controllable clock: the card follows the conversation's
// first message after the delay, exactly once whatever repeats the webhook, the sync and concurrent
// workers bring; quiet hours defer it to the morning (across a summer-time change), the daily cap to
// the next day; the pause holds it; a chat no longer eligible is recorded as skipped. The sandbox's
// record of shares is the judge.

const h = startTestConsole({ postgresAdminUrl: inject('postgresAdminUrl'), sandbox: { chatCount: 0 } });
let line = '';
let noCardLine = '';
let operatorId = '';
let adminId = '';

const at = (iso: string) => new Date(iso);
const sharesInto = (chatId: string) => h.sandbox.store.state.shares.filter((share) => share.chat_id === chatId).length;

async function auto() {
  const [rules, triggers, processing, upkeep, index] = await Promise.all([
    import('@/lib/auto/rules'),
    import('@/lib/auto/triggers'),
    import('@/lib/auto/process'),
    import('@/lib/auto/upkeep'),
    import('@/lib/chats/index-store'),
  ]);
  return { ...rules, ...triggers, ...processing, ...upkeep, ...index };
}

let sequence = 0;
/** A conversation the customer started (no message from the business yet), indexed as Linq lists it. */
async function conversation(from = line, options: { health?: string } = {}): Promise<string> {
  sequence += 1;
  const chat = await h.control<{ id: string }>('POST', '/__sandbox/chats', {
    from,
    to: [`+1646555${String(1000 + sequence).slice(-4)}`],
    inbound: 1,
    outbound: 0,
    // Its first message long before every moment the tests set their clock to.
    hours_ago: 24 * 365,
    ...(options.health && { health: options.health }),
  });
  const { upsertChats, recordOutboundReads } = await auto();
  await upsertChats([await h.linq.getChat(chat.id)], new Date());
  await recordOutboundReads([{ chatId: chat.id, facts: await h.linq.readOutbound(chat.id) }], new Date());
  return chat.id;
}

/** The business writes (in Linq), and its message.sent reaches the console at `sentAt`. */
async function businessWrites(chatId: string, sentAt: Date) {
  if (!h.sandbox.store.messages(chatId).some((message) => message.is_from_me)) await h.control('POST', `/__sandbox/chats/${chatId}/outbound-elsewhere`, {});
  const { recordOutboundMessage, considerChats } = await auto();
  await recordOutboundMessage(chatId, sentAt, sentAt);
  return considerChats([chatId], sentAt);
}

/** Switches the number's automatic share on at `now` (off first: each test starts its own conversations). */
async function rule(settings: Partial<import('@/lib/auto/rules').AutoShareSettings> & { phoneNumber?: string }, now: Date, actor = operatorId) {
  const { saveAutoShareRule, DEFAULT_AUTO_SHARE } = await auto();
  const { phoneNumber = line, ...rest } = settings;
  await saveAutoShareRule({ ...DEFAULT_AUTO_SHARE, enabled: false, phoneNumber }, actor, now);
  return saveAutoShareRule({ ...DEFAULT_AUTO_SHARE, enabled: true, phoneNumber, ...rest }, actor, now);
}

const row = (chatId: string) => h.db.autoShare.findUniqueOrThrow({ where: { chatId } });
const run = async (chatId: string, now: Date) => (await auto()).runAutoShare(chatId, { linq: h.backgroundLinq, now: () => now });

beforeAll(async () => {
  operatorId = (await h.db.user.create({ data: { email: 'op@example.com', name: 'Olive Operator', role: 'OPERATOR', passwordHash: 'x' } })).id;
  adminId = (await h.db.user.create({ data: { email: 'ad@example.com', name: 'Ada Admin', role: 'ADMIN', passwordHash: 'x' } })).id;
  line = (await h.control<{ phone_number: string }>('POST', '/__sandbox/lines', { card: { first_name: 'Harbor' } })).phone_number;
  noCardLine = (await h.control<{ phone_number: string }>('POST', '/__sandbox/lines', {})).phone_number;
  for (const phoneNumber of [line, noCardLine])
    await h.db.sendingLine.create({ data: { phoneNumber, linqId: `line-${phoneNumber}`, cardStatus: 'active', status: 'ACTIVE' } });
});

describe('automatic share', () => {
  it('follows the first message after the delay, once, whatever repeats the webhook, the sync and two workers bring', async () => {
    const t0 = at('2026-06-02T14:00:00Z');
    await rule({ timeZone: 'America/New_York', delayMinutes: 2 }, t0);
    const chatId = await conversation();
    // A conversation that had started before the rule was switched on never qualifies.
    expect(await businessWrites(chatId, new Date(t0.getTime() - 60_000))).toBe(0);
    await h.db.chat.update({ where: { id: chatId }, data: { outbound: 'NO', outboundSince: null, lastOutboundAt: null } });

    const sent = new Date(t0.getTime() + 60_000);
    expect(await businessWrites(chatId, sent)).toBe(1);
    // The same message again (a webhook repeat), and the tick's scan after a sync read it: nothing new.
    expect(await businessWrites(chatId, sent)).toBe(0);
    const { considerRecentChats } = await auto();
    expect(await considerRecentChats(new Date(sent.getTime() + 30_000))).toBe(0);
    expect((await row(chatId)).dueAt).toEqual(new Date(sent.getTime() + 2 * 60_000));

    // Early: it waits for its time.
    expect((await run(chatId, new Date(sent.getTime() + 60_000))).kind).toBe('moved');
    expect(sharesInto(chatId)).toBe(0);
    // Due: two workers at once (two instances' jobs), then a late repeat: one share.
    const due = new Date(sent.getTime() + 2 * 60_000 + 500);
    const steps = await Promise.all([run(chatId, due), run(chatId, due)]);
    expect(steps.filter((step) => step.kind === 'ended')).toHaveLength(1);
    expect((await run(chatId, due)).kind).toBe('nothing');
    expect(sharesInto(chatId)).toBe(1);
    const shared = await row(chatId);
    expect(shared).toMatchObject({ state: 'SHARED', trigger: 'FIRST_OUTBOUND', attempts: 1 });
    const event = await h.db.shareEvent.findUniqueOrThrow({ where: { id: shared.eventId! } });
    expect(event).toMatchObject({ source: 'AUTOMATIC', outcome: 'SUCCEEDED', actorId: operatorId });
    // The timeline has the message, without its content.
    expect(await h.db.chatTurn.count({ where: { chatId, fromUs: true } })).toBeGreaterThanOrEqual(1);
  });

  it('starts from message.sent as the webhook path applies it, once for the event and its repeat', async () => {
    const now = new Date();
    await rule({ delayMinutes: 2, quietStart: null, quietEnd: null }, new Date(now.getTime() - 60_000));
    const chatId = await conversation();
    await h.control('POST', `/__sandbox/chats/${chatId}/outbound-elsewhere`, {});
    const payload = {
      event_type: 'message.sent',
      event_id: `evt_${chatId}`,
      created_at: now.toISOString(),
      data: { direction: 'outbound', chat: { id: chatId }, sent_at: now.toISOString() },
    };
    // The same event under two delivery ids (Linq repeating it), applied by the webhook job.
    for (const id of [`msg_${chatId}`, `msg_${chatId}_again`])
      await h.db.webhookDelivery.create({ data: { id, eventType: 'message.sent', eventCreatedAt: now, payload, receivedAt: now } });
    const { applyWaitingDeliveries } = await import('@/lib/webhooks/apply');
    expect(await applyWaitingDeliveries(h.backgroundLinq, 10_000)).toBe(2);
    expect(await h.db.autoShare.findMany({ where: { chatId } })).toEqual([
      expect.objectContaining({ state: 'WAITING', triggeredAt: now, dueAt: new Date(now.getTime() + 2 * 60_000) }),
    ]);
  });

  it('defers a share due in quiet hours to their end, across the night clocks go forward', async () => {
    // Saturday 7 March 2026, 20:59 in New York (EST); summer time starts that night at 02:00.
    const evening = at('2026-03-08T01:59:00Z');
    await rule({ timeZone: 'America/New_York', delayMinutes: 2, quietStart: '21:00', quietEnd: '08:00' }, new Date(evening.getTime() - 3_600_000));
    const chatId = await conversation();
    await businessWrites(chatId, evening);
    // 21:01 is quiet: due at 08:00 on Sunday, which is EDT (12:00 UTC), not 13:00 UTC.
    expect((await row(chatId)).dueAt).toEqual(at('2026-03-08T12:00:00Z'));
    // A job woken at 03:30 local anyway (a tick re-queue) moves it back to the morning.
    expect(await run(chatId, at('2026-03-08T07:30:00Z'))).toMatchObject({ kind: 'moved', reason: 'quiet_hours', dueAt: at('2026-03-08T12:00:00Z') });
    expect(sharesInto(chatId)).toBe(0);
    expect(await run(chatId, at('2026-03-08T12:00:01Z'))).toMatchObject({ kind: 'ended', state: 'SHARED' });
    expect(sharesInto(chatId)).toBe(1);
  });

  it('stops at the daily cap; what is over it waits for the next local day, shown as waiting', async () => {
    const morning = at('2026-07-01T13:00:00Z'); // 09:00 in New York
    await rule({ timeZone: 'America/New_York', delayMinutes: 0, quietStart: null, quietEnd: null, dailyCap: 2 }, new Date(morning.getTime() - 60_000));
    const chats = [await conversation(), await conversation(), await conversation()];
    for (const chatId of chats) await businessWrites(chatId, morning);
    const steps = [];
    for (const chatId of chats) steps.push(await run(chatId, new Date(morning.getTime() + 1_000)));
    expect(steps.map((step) => step.kind)).toEqual(['ended', 'ended', 'moved']);
    const waiting = await row(chats[2]!);
    expect(waiting).toMatchObject({ state: 'WAITING', reason: 'cap' });
    // Midnight in New York is 04:00 UTC in July.
    expect(waiting.dueAt).toEqual(at('2026-07-02T04:00:00Z'));
    expect(await run(chats[2]!, at('2026-07-02T04:00:01Z'))).toMatchObject({ kind: 'ended', state: 'SHARED' });
    expect(chats.map(sharesInto)).toEqual([1, 1, 1]);
  });

  it('records a chat that stopped being eligible as skipped, with its reason, not as a failed share', async () => {
    const t = at('2026-08-03T15:00:00Z');
    await rule({ phoneNumber: noCardLine, delayMinutes: 0, quietStart: null, quietEnd: null }, new Date(t.getTime() - 60_000));
    await rule({ delayMinutes: 0, quietStart: null, quietEnd: null }, new Date(t.getTime() - 60_000));
    const noCard = await conversation(noCardLine);
    const optedOut = await conversation();
    await businessWrites(noCard, t);
    await businessWrites(optedOut, t);
    await h.db.chat.update({ where: { id: optedOut }, data: { health: 'OPTED_OUT' } });
    expect(await run(noCard, new Date(t.getTime() + 1_000))).toEqual({ kind: 'ended', state: 'SKIPPED', reason: 'no_card' });
    expect(await run(optedOut, new Date(t.getTime() + 1_000))).toEqual({ kind: 'ended', state: 'SKIPPED', reason: 'opted_out' });
    expect(sharesInto(noCard) + sharesInto(optedOut)).toBe(0);
    expect(await h.db.shareEvent.count({ where: { chatId: noCard, outcome: 'FAILED' } })).toBe(0);
  });

  it('holds every share while paused (audited), and sends them on resume', async () => {
    const t = at('2026-09-01T15:00:00Z');
    await rule({ delayMinutes: 0, quietStart: null, quietEnd: null }, new Date(t.getTime() - 60_000));
    const chatId = await conversation();
    await businessWrites(chatId, t);
    const { setAutoSharePause, readAutoSharePause } = await auto();
    expect(await setAutoSharePause(true, adminId)).toBe(true);
    expect(await setAutoSharePause(true, adminId)).toBe(false);
    expect(await readAutoSharePause()).toMatchObject({ paused: true, changedBy: 'Ada Admin' });
    expect(await run(chatId, new Date(t.getTime() + 1_000))).toEqual({ kind: 'held', reason: 'paused' });
    expect(sharesInto(chatId)).toBe(0);
    await setAutoSharePause(false, adminId);
    // On resume, what waited is queued again at once (the only share waiting and due now).
    const { requeueWaitingAutoShares } = await auto();
    expect(await requeueWaitingAutoShares()).toBe(1);
    expect(await run(chatId, new Date(t.getTime() + 120_000))).toMatchObject({ kind: 'ended', state: 'SHARED' });
    const audit = await h.db.settingsChange.findMany({ where: { kind: { in: ['AUTO_SHARES_PAUSED', 'AUTO_SHARES_RESUMED'] } }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((change) => [change.kind, change.actorId])).toEqual([
      ['AUTO_SHARES_PAUSED', adminId],
      ['AUTO_SHARES_RESUMED', adminId],
    ]);
  });

  it('after the customer’s first reply: waits for a message from the customer after ours', async () => {
    const t = at('2026-10-05T15:00:00Z');
    await rule({ trigger: 'FIRST_REPLY', delayMinutes: 0, quietStart: null, quietEnd: null }, new Date(t.getTime() - 60_000));
    const chatId = await conversation();
    expect(await businessWrites(chatId, t)).toBe(0);
    const { recordInboundMessage, considerChats } = await auto();
    const reply = new Date(t.getTime() + 5 * 60_000);
    await recordInboundMessage(chatId, reply);
    expect(await considerChats([chatId], reply)).toBe(1);
    expect(await row(chatId)).toMatchObject({ trigger: 'FIRST_REPLY', triggeredAt: reply });
  });

  it('stops the shares of a rule whose owner can no longer share, and skips what waits when the rule is switched off', async () => {
    const t = at('2026-11-02T15:00:00Z');
    const viewer = await h.db.user.create({ data: { email: 'former@example.com', name: 'Former Operator', role: 'OPERATOR', passwordHash: 'x' } });
    await rule({ delayMinutes: 0, quietStart: null, quietEnd: null }, new Date(t.getTime() - 60_000), viewer.id);
    const chatId = await conversation();
    await businessWrites(chatId, t);
    await h.db.user.update({ where: { id: viewer.id }, data: { disabled: true } });
    expect(await run(chatId, new Date(t.getTime() + 1_000))).toEqual({ kind: 'held', reason: 'owner' });
    const { readAutoShareRule, saveAutoShareRule, DEFAULT_AUTO_SHARE } = await auto();
    expect((await readAutoShareRule(line)).owner).toEqual({ name: 'Former Operator', canShare: false });
    await saveAutoShareRule({ ...DEFAULT_AUTO_SHARE, enabled: false, phoneNumber: line }, operatorId, t);
    expect(await row(chatId)).toMatchObject({ state: 'SKIPPED', reason: 'rule_off' });
    expect(sharesInto(chatId)).toBe(0);
  });
});
