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

async function chat(
  id: string,
  facts: { line?: string; service?: string; health?: string; hasLeft?: boolean; replied?: boolean; sharedHoursAgo?: number; gone?: boolean } = {},
) {
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
  if (facts.sharedHoursAgo !== undefined)
    await h.db.chatShareState.create({ data: { chatId: id, lastSucceededAt: new Date(now - facts.sharedHoursAgo * 3_600_000) } });
}

async function schedules() {
  return { ...(await import('@/lib/runs/schedules')), ...(await import('@/lib/runs/schedule-tick')) };
}

/** The runs made so far end (as they would by the next day), so they cover no chat any more. */
async function endRuns() {
  const { cancelRun } = await import('@/lib/runs/runs');
  for (const run of await h.db.shareRun.findMany({ where: { status: 'RUNNING' } })) await cancelRun(run.id);
}

async function runsOf(phoneNumber: string) {
  return h.db.shareRun.findMany({
    where: { schedulePhone: phoneNumber },
    orderBy: { createdAt: 'asc' },
    include: { items: { select: { chatId: true }, orderBy: { chatId: 'asc' } } },
  });
}

beforeAll(async () => {
  actorId = (await h.db.user.create({ data: { email: 'op@example.com', name: 'Olive Operator', role: 'OPERATOR', passwordHash: 'x' } })).id;
  // The account's lines, as Linq listed them (linqId).
  await h.db.sendingLine.create({ data: { phoneNumber: LINE, linqId: 'line-1', cardStatus: 'active', status: 'ACTIVE' } });
  await h.db.sendingLine.create({ data: { phoneNumber: FLAGGED_LINE, linqId: 'line-2', cardStatus: 'active', status: 'FLAGGED' } });
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
  it('runs at the set time in the set zone, once a day, over the chats that qualify, when its preview says', async () => {
    const { saveSchedule, previewSchedule, runDueSchedules, readSchedule } = await schedules();
    const settings = { enabled: true, timeOfDay: '09:00', timeZone: 'America/New_York', onlyRepliedChats: false };
    // 08:00 in New York (daylight-saving time began two days before).
    const morning = at('2026-03-10T12:00:00Z');
    expect(await saveSchedule({ phoneNumber: LINE, ...settings }, actorId, morning)).toEqual({ changed: true });
    expect(await saveSchedule({ phoneNumber: LINE, ...settings }, actorId, morning)).toEqual({ changed: false });
    expect(await previewSchedule(LINE, await readSchedule(LINE), morning)).toMatchObject({
      nextRun: 'today 09:00 America/New_York',
      nextRunAt: at('2026-03-10T13:00:00Z'),
      due: false,
      chats: 2,
      lineFlagged: false,
    });

    expect(await runDueSchedules(at('2026-03-10T12:59:59Z'))).toEqual([]);
    // Two instances' ticks at once: one run.
    const [first, second] = await Promise.all([runDueSchedules(at('2026-03-10T13:00:00Z')), runDueSchedules(at('2026-03-10T13:00:00Z'))]);
    expect([...first, ...second]).toHaveLength(1);
    expect(await runDueSchedules(at('2026-03-10T22:00:00Z'))).toEqual([]);

    const [run] = await runsOf(LINE);
    expect(run).toMatchObject({ source: 'SCHEDULED', scheduleDate: '2026-03-10', createdById: actorId, total: 2, skipped: 0, status: 'RUNNING' });
    // Eligible only: never critical, opted-out, left, shared within the cooldown, SMS or gone.
    expect(run!.items.map((item) => item.chatId)).toEqual(['replied', 'silent']);
    expect(await readSchedule(LINE)).toMatchObject({ lastRunDate: '2026-03-10', lastRunAt: at('2026-03-10T13:00:00Z'), lastRunId: run!.id, lastRunNote: null });
    await endRuns();

    // The next day, at 09:00 New York time again: exactly when the preview says.
    const evening = at('2026-03-10T23:00:00Z');
    expect(await previewSchedule(LINE, await readSchedule(LINE), evening)).toMatchObject({
      nextRun: 'tomorrow 09:00 America/New_York',
      nextRunAt: at('2026-03-11T13:00:00Z'),
    });
    expect(await runDueSchedules(at('2026-03-11T12:59:00Z'))).toEqual([]);
    expect(await runDueSchedules(at('2026-03-11T13:00:30Z'))).toHaveLength(1);
    expect((await runsOf(LINE)).map((r) => r.scheduleDate)).toEqual(['2026-03-10', '2026-03-11']);
    await endRuns();
  });

  it('keeps the preview’s promise when the time changes twice in an evening after the day’s run', async () => {
    const { saveSchedule, previewSchedule, runDueSchedules, readSchedule } = await schedules();
    const base = { phoneNumber: LINE, enabled: true, timeZone: 'America/New_York', onlyRepliedChats: false };
    // The 11th ran at 09:00. At 21:00 the time moves to 23:40, then at 21:30 to 23:45.
    await saveSchedule({ ...base, timeOfDay: '23:40' }, actorId, at('2026-03-12T01:00:00Z'));
    await saveSchedule({ ...base, timeOfDay: '23:45' }, actorId, at('2026-03-12T01:30:00Z'));
    const preview = await previewSchedule(LINE, await readSchedule(LINE), at('2026-03-12T01:31:00Z'));
    expect(preview).toMatchObject({ nextRun: 'tomorrow 23:45 America/New_York', nextRunAt: at('2026-03-13T03:45:00Z') });
    // The tick, asked every minute of the evening, makes nothing before then, and makes it then.
    for (let t = at('2026-03-12T01:31:00Z').getTime(); t < preview.nextRunAt.getTime(); t += 15 * 60_000)
      expect(await runDueSchedules(new Date(t))).toEqual([]);
    expect(await runDueSchedules(preview.nextRunAt)).toEqual([expect.stringMatching(/^\+14155550100: run .+ for 2026-03-12$/)]);
    await endRuns();
    // Back to 09:00 for the tests below.
    await saveSchedule({ ...base, timeOfDay: '09:00' }, actorId, at('2026-03-13T04:00:00Z'));
  });

  it('runs once for days missed while the console was down, and only chats the customer wrote in when asked', async () => {
    const { saveSchedule, runDueSchedules } = await schedules();
    await saveSchedule(
      { phoneNumber: LINE, enabled: true, timeOfDay: '09:00', timeZone: 'America/New_York', onlyRepliedChats: true },
      actorId,
      at('2026-03-13T14:00:00Z'),
    );
    // Down from the 14th to the 15th, back in the evening: one run, for the 15th.
    const made = await Promise.all([runDueSchedules(at('2026-03-15T23:00:00Z')), runDueSchedules(at('2026-03-15T23:00:00Z'))]);
    expect(made.flat()).toHaveLength(1);
    const runs = await runsOf(LINE);
    expect(runs.map((r) => r.scheduleDate)).toEqual(['2026-03-10', '2026-03-11', '2026-03-12', '2026-03-15']);
    expect(runs.at(-1)!.items.map((item) => item.chatId)).toEqual(['replied']);
    await endRuns();
  });

  it('makes no run for a line Linq has flagged, nor an empty one, and records the day instead', async () => {
    const { saveSchedule, runDueSchedules, previewSchedule, readSchedule } = await schedules();
    const settings = { enabled: true, timeOfDay: '06:30', timeZone: 'UTC', onlyRepliedChats: false };
    await saveSchedule({ phoneNumber: FLAGGED_LINE, ...settings }, actorId, at('2026-03-20T06:00:00Z'));
    expect((await previewSchedule(FLAGGED_LINE, await readSchedule(FLAGGED_LINE), at('2026-03-20T06:00:00Z'))).lineFlagged).toBe(true);
    // (The other line's day, the 19th, is taken by the same tick.)
    const made = await runDueSchedules(at('2026-03-20T06:30:00Z'));
    await endRuns();
    expect(made).toContain(`${FLAGGED_LINE}: 2026-03-20, the line is flagged by Linq`);
    expect(await runsOf(FLAGGED_LINE)).toEqual([]);
    expect(await readSchedule(FLAGGED_LINE)).toMatchObject({ lastRunDate: '2026-03-20', lastRunNote: 'line_flagged', lastRunId: null });

    // Nothing to share (the only replied chat is within the cooldown of a run made today): no "0 of 0" run.
    await h.db.chatShareState.upsert({
      where: { chatId: 'replied' },
      create: { chatId: 'replied', lastSucceededAt: at('2026-03-21T12:00:00Z') },
      update: { lastSucceededAt: new Date() },
    });
    await h.db.chatShareState.upsert({
      where: { chatId: 'silent' },
      create: { chatId: 'silent', lastSucceededAt: new Date() },
      update: { lastSucceededAt: new Date() },
    });
    const runsBefore = (await runsOf(LINE)).length;
    expect(await runDueSchedules(at('2026-03-21T13:00:30Z'))).toContain(`${LINE}: 2026-03-21, nothing to share`);
    expect((await runsOf(LINE)).length).toBe(runsBefore);
    expect(await readSchedule(LINE)).toMatchObject({ lastRunDate: '2026-03-21', lastRunNote: 'nothing_to_share', lastRunId: null });
    await h.db.chatShareState.deleteMany({ where: { chatId: { in: ['replied', 'silent'] } } });

    await saveSchedule(
      { phoneNumber: LINE, enabled: false, timeOfDay: '09:00', timeZone: 'America/New_York', onlyRepliedChats: true },
      actorId,
      at('2026-03-21T14:00:00Z'),
    );
    expect(await runDueSchedules(at('2026-03-22T23:00:00Z'))).toEqual([`${FLAGGED_LINE}: 2026-03-22, the line is flagged by Linq`]);
  });

  it('refuses a number that is not the account’s and a zone that is not an IANA name from the list', async () => {
    const { saveSchedule, ScheduleError } = await schedules();
    await expect(
      saveSchedule({ phoneNumber: '+14155559999', enabled: true, timeOfDay: '09:00', timeZone: 'UTC', onlyRepliedChats: false }, actorId),
    ).rejects.toBeInstanceOf(ScheduleError);
    expect(await h.db.shareSchedule.findUnique({ where: { phoneNumber: '+14155559999' } })).toBeNull();
    const { scheduleFormSchema } = await import('@/lib/validations/schedule');
    const form = { phoneNumber: LINE, enabled: true, timeOfDay: '09:00', onlyRepliedChats: false };
    for (const timeZone of ['-23:59', 'Etc/GMT+12', 'Asia/Calcutta', 'Mars/Olympus_Mons'])
      expect(scheduleFormSchema.safeParse({ ...form, timeZone }).success, timeZone).toBe(false);
    expect(scheduleFormSchema.safeParse({ ...form, timeZone: 'Asia/Kolkata' }).success).toBe(true);
  });

  it('stops the schedules of someone who can no longer share, until someone takes them over', async () => {
    const { saveSchedule, runDueSchedules, readSchedule } = await schedules();
    const casey = await h.db.user.create({ data: { email: 'casey@example.com', name: 'Casey Colleague', role: 'OPERATOR', passwordHash: 'x' } });
    await saveSchedule(
      { phoneNumber: LINE, enabled: true, timeOfDay: '09:00', timeZone: 'America/New_York', onlyRepliedChats: false },
      casey.id,
      at('2026-03-24T12:00:00Z'),
    );
    await h.db.user.update({ where: { id: casey.id }, data: { role: 'VIEWER' } });
    const runsBefore = (await runsOf(LINE)).length;
    expect(await runDueSchedules(at('2026-03-24T13:00:30Z'))).toContain(`${LINE}: stopped, Casey Colleague who set it up can no longer share`);
    expect((await runsOf(LINE)).length).toBe(runsBefore);
    expect((await readSchedule(LINE)).owner).toEqual({ name: 'Casey Colleague', canShare: false });

    // An operator saves it unchanged: a takeover, recorded; the day's run is then made in their name.
    expect(
      await saveSchedule(
        { phoneNumber: LINE, enabled: true, timeOfDay: '09:00', timeZone: 'America/New_York', onlyRepliedChats: false },
        actorId,
        at('2026-03-24T13:01:00Z'),
      ),
    ).toEqual({ changed: true });
    expect(await h.db.settingsChange.findFirst({ where: { kind: 'SCHEDULE_TAKEN_OVER', subject: LINE } })).toMatchObject({
      actorId,
      before: { ownerId: casey.id, owner: 'Casey Colleague' },
    });
    expect(await runDueSchedules(at('2026-03-25T13:00:30Z'))).toContainEqual(expect.stringMatching(/^\+14155550100: run .+ for 2026-03-25$/));
    expect((await runsOf(LINE)).at(-1)).toMatchObject({ createdById: actorId });
  });

  it('audits every change: who, before and after', async () => {
    const changes = await h.db.settingsChange.findMany({ where: { kind: 'SCHEDULE_CHANGED', subject: LINE, actorId }, orderBy: { createdAt: 'asc' }, take: 2 });
    expect(changes.map((change) => [change.actorId, change.before, change.after])).toEqual([
      [
        actorId,
        { enabled: false, timeOfDay: '09:00', timeZone: 'UTC', onlyRepliedChats: false },
        { enabled: true, timeOfDay: '09:00', timeZone: 'America/New_York', onlyRepliedChats: false },
      ],
      [
        actorId,
        { enabled: true, timeOfDay: '09:00', timeZone: 'America/New_York', onlyRepliedChats: false },
        { enabled: true, timeOfDay: '23:40', timeZone: 'America/New_York', onlyRepliedChats: false },
      ],
    ]);
  });
});
