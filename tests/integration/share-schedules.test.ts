import { beforeAll, describe, expect, it } from 'vitest';
import { chatSearchText } from '@/lib/chats/index-facts';
import { startTestConsole } from '../support/console-harness';

// The daily re-share, driven by a controllable clock: it runs at the set time in the set zone, once
// per local day whatever the number of callers, once after days missed, over the chats that qualify,
// and never for a line Linq has flagged. Every change to a schedule is audited.

const h = startTestConsole();
const LINE = '+14155550100';
const FLAGGED_LINE = '+14155550109';
let actorId = '';

const at = (iso: string) => new Date(iso);

async function chat(id: string, facts: { line?: string; service?: string; health?: string; hasLeft?: boolean; replied?: boolean; sharedHoursAgo?: number; gone?: boolean } = {}) {
  const now = Date.now();
  await h.db.chat.create({
    data: {
      id,
      sendingNumber: facts.line ?? LINE,
      service: facts.service ?? 'iMessage',
      health: facts.health ?? 'HEALTHY',
      hasLeft: facts.hasLeft ?? false,
      participants: [`+1312555${id.length}${id.charCodeAt(0)}`],
      searchText: chatSearchText({ displayName: id, handles: [] }),
      outbound: 'YES',
      lastInboundAt: facts.replied === false ? null : new Date(now - 3_600_000),
      activityAt: new Date(now - 60_000),
      goneAt: facts.gone ? new Date(now) : null,
    },
  });
  if (facts.sharedHoursAgo !== undefined) await h.db.chatShareState.create({ data: { chatId: id, lastSucceededAt: new Date(now - facts.sharedHoursAgo * 3_600_000) } });
}

async function schedules() {
  return import('@/lib/runs/schedules');
}

async function runsOf(phoneNumber: string) {
  return h.db.shareRun.findMany({ where: { schedulePhone: phoneNumber }, orderBy: { createdAt: 'asc' }, include: { items: { select: { chatId: true }, orderBy: { chatId: 'asc' } } } });
}

beforeAll(async () => {
  actorId = (await h.db.user.create({ data: { email: 'op@example.com', name: 'Olive Operator', role: 'OPERATOR', passwordHash: 'x' } })).id;
  await h.db.sendingLine.create({ data: { phoneNumber: LINE, cardStatus: 'active', status: 'ACTIVE' } });
  await h.db.sendingLine.create({ data: { phoneNumber: FLAGGED_LINE, cardStatus: 'active', status: 'FLAGGED' } });
  await chat('replied');
  await chat('silent', { replied: false });
  await chat('critical', { health: 'CRITICAL' });
  await chat('opted-out', { health: 'OPTED_OUT' });
  await chat('left', { hasLeft: true });
  await chat('shared-today', { sharedHoursAgo: 2 });
  await chat('sms', { service: 'SMS' });
  await chat('gone', { gone: true });
  await chat('flagged-line', { line: FLAGGED_LINE });
});

describe('the daily re-share', () => {
  it('runs at the set time in the set zone, once a day, over the chats that qualify', async () => {
    const { saveSchedule, previewSchedule, runDueSchedules } = await schedules();
    const settings = { enabled: true, timeOfDay: '09:00', timeZone: 'America/New_York', onlyRepliedChats: false };
    // 08:00 in New York (daylight-saving time began two days before).
    const morning = at('2026-03-10T12:00:00Z');
    expect(await saveSchedule({ phoneNumber: LINE, ...settings }, actorId, morning)).toEqual({ changed: true });
    expect(await saveSchedule({ phoneNumber: LINE, ...settings }, actorId, morning)).toEqual({ changed: false });
    expect(await previewSchedule(LINE, settings, morning)).toMatchObject({ nextRun: 'today 09:00 America/New_York', nextRunAt: at('2026-03-10T13:00:00Z'), chats: 2, lineFlagged: false });

    expect(await runDueSchedules(at('2026-03-10T12:59:59Z'))).toEqual([]);
    // Two instances' ticks at once: one run.
    const [first, second] = await Promise.all([runDueSchedules(at('2026-03-10T13:00:00Z')), runDueSchedules(at('2026-03-10T13:00:00Z'))]);
    expect([...first, ...second]).toHaveLength(1);
    expect(await runDueSchedules(at('2026-03-10T22:00:00Z'))).toEqual([]);

    const [run] = await runsOf(LINE);
    expect(run).toMatchObject({ source: 'SCHEDULED', scheduleDate: '2026-03-10', createdById: actorId, total: 2, skipped: 0, status: 'RUNNING' });
    // Eligible only: never critical, opted-out, left, shared within the cooldown, SMS or gone.
    expect(run!.items.map((item) => item.chatId)).toEqual(['replied', 'silent']);

    // The next day, at 09:00 New York time again.
    expect(await runDueSchedules(at('2026-03-11T12:59:00Z'))).toEqual([]);
    expect(await runDueSchedules(at('2026-03-11T13:00:30Z'))).toHaveLength(1);
    expect((await runsOf(LINE)).map((r) => r.scheduleDate)).toEqual(['2026-03-10', '2026-03-11']);
  });

  it('runs once for days missed while the console was down, and only chats the customer wrote in when asked', async () => {
    const { saveSchedule, runDueSchedules } = await schedules();
    await saveSchedule({ phoneNumber: LINE, enabled: true, timeOfDay: '09:00', timeZone: 'America/New_York', onlyRepliedChats: true }, actorId, at('2026-03-11T14:00:00Z'));
    // Down from the 12th to the 15th, back in the evening: one run, for the 15th.
    const made = await Promise.all([runDueSchedules(at('2026-03-15T23:00:00Z')), runDueSchedules(at('2026-03-15T23:00:00Z'))]);
    expect(made.flat()).toHaveLength(1);
    const runs = await runsOf(LINE);
    expect(runs.map((r) => r.scheduleDate)).toEqual(['2026-03-10', '2026-03-11', '2026-03-15']);
    expect(runs.at(-1)!.items.map((item) => item.chatId)).toEqual(['replied']);
  });

  it('does not run for a line Linq has flagged, nor when turned off', async () => {
    const { saveSchedule, runDueSchedules, previewSchedule } = await schedules();
    const settings = { enabled: true, timeOfDay: '06:30', timeZone: 'UTC', onlyRepliedChats: false };
    await saveSchedule({ phoneNumber: FLAGGED_LINE, ...settings }, actorId, at('2026-03-20T06:00:00Z'));
    expect((await previewSchedule(FLAGGED_LINE, settings, at('2026-03-20T06:00:00Z'))).lineFlagged).toBe(true);
    // (The other line's run for the 19th, missed since the 15th, is made by the same tick.)
    const made = await runDueSchedules(at('2026-03-20T06:30:00Z'));
    expect(made).toHaveLength(2);
    expect(made).toContain(`${FLAGGED_LINE}: skipped 2026-03-20, the line is flagged by Linq`);
    expect(await runsOf(FLAGGED_LINE)).toEqual([]);

    await saveSchedule({ phoneNumber: LINE, enabled: false, timeOfDay: '09:00', timeZone: 'America/New_York', onlyRepliedChats: true }, actorId, at('2026-03-20T07:00:00Z'));
    expect(await runDueSchedules(at('2026-03-22T23:00:00Z'))).toEqual([`${FLAGGED_LINE}: skipped 2026-03-22, the line is flagged by Linq`]);
  });

  it('audits every change: who, before and after', async () => {
    const changes = await h.db.settingsChange.findMany({ where: { kind: 'SCHEDULE_CHANGED', subject: LINE }, orderBy: { createdAt: 'asc' } });
    expect(changes.map((change) => [change.actorId, change.before, change.after])).toEqual([
      [actorId, { enabled: false, timeOfDay: '09:00', timeZone: 'UTC', onlyRepliedChats: false }, { enabled: true, timeOfDay: '09:00', timeZone: 'America/New_York', onlyRepliedChats: false }],
      [actorId, { enabled: true, timeOfDay: '09:00', timeZone: 'America/New_York', onlyRepliedChats: false }, { enabled: true, timeOfDay: '09:00', timeZone: 'America/New_York', onlyRepliedChats: true }],
      [actorId, { enabled: true, timeOfDay: '09:00', timeZone: 'America/New_York', onlyRepliedChats: true }, { enabled: false, timeOfDay: '09:00', timeZone: 'America/New_York', onlyRepliedChats: true }],
    ]);
  });
});
