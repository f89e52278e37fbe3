import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSlackReceiver, startSmtpServer } from '../support/alert-receivers';
import { startTestConsole } from '../support/console-harness';

// Alerts through real channels: an SMTP server (smtp-server) and an HTTP receiver of Slack's format,
// both started here. Each event is raised through the domain code that sees it, and sent by the
// alerts.send job's own function.

const h = startTestConsole();

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let slack: Awaited<ReturnType<typeof startSlackReceiver>>;
let adminId = '';

beforeAll(async () => {
  smtp = await startSmtpServer();
  slack = await startSlackReceiver();
  adminId = (await h.db.user.create({ data: { email: 'alerts-admin@example.com', name: 'Ada Admin', role: 'ADMIN', passwordHash: 'x' } })).id;
  const { saveEmailChannel, saveSlackChannel } = await import('@/lib/alerts/store');
  await saveEmailChannel(
    {
      enabled: true,
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      username: '',
      password: '',
      clearPassword: false,
      from: 'console@example.com',
      to: ['ops@example.com'],
    },
    adminId,
  );
  await saveSlackChannel({ enabled: true, url: slack.url }, adminId);
});

afterAll(async () => {
  await smtp.close();
  await slack.close();
});

function forget() {
  smtp.mails.length = 0;
  slack.posts.length = 0;
}

beforeEach(forget);

/** Sends what waits, as the alerts.send job does, and returns the messages that went out. */
async function sendNow(at = new Date()) {
  forget();
  const { sendWaitingAlerts } = await import('@/lib/alerts/send');
  await sendWaitingAlerts(at);
  return { mails: [...smtp.mails], posts: [...slack.posts] };
}

function expectOneMessage(sent: { mails: string[]; posts: string[] }, ...fragments: string[]) {
  expect(sent.mails).toHaveLength(1);
  expect(sent.posts).toHaveLength(1);
  // The mail's text is quoted-printable: compare it decoded where it is not plain ASCII.
  const mail = sent.mails[0]!.replace(/=E2=80=99/g, '’').replace(/=E2=86=92/g, '→');
  for (const fragment of fragments) {
    expect(mail).toContain(fragment);
    expect(sent.posts[0]!).toContain(fragment);
  }
}

async function accountLine(): Promise<string> {
  const line = (await h.control<{ phone_number: string }>('POST', '/__sandbox/lines', {})).phone_number;
  const { refreshLines } = await import('@/lib/lines/store');
  await refreshLines(h.linq);
  return line;
}

describe('alerts', () => {
  it('a flag and its lifting alert once each, however often Linq repeats the event', async () => {
    const line = await accountLine();
    const { recordLineStatus } = await import('@/lib/lines/store');
    const flaggedAt = new Date(Date.now() - 60_000);
    await recordLineStatus(line, 'FLAGGED', flaggedAt, null);
    await recordLineStatus(line, 'FLAGGED', flaggedAt, null);
    expectOneMessage(await sendNow(), `Linq flagged ${line}`, `/cards/${encodeURIComponent(line)}`);

    await recordLineStatus(line, 'ACTIVE', new Date(), null);
    expectOneMessage(await sendNow(), `${line} is active again`);
    expect(await h.db.alert.count({ where: { event: { in: ['NUMBER_FLAGGED', 'NUMBER_UNFLAGGED'] } } })).toBe(2);
  });

  it('a full sync failing twice in a row alerts once for the streak', async () => {
    const { abandonSyncRun } = await import('@/lib/chats/sync/slice');
    let started = Date.now() - 60_000;
    const fail = async (reason: string) => {
      const run = await h.db.chatSyncRun.create({ data: { trigger: 'SCHEDULE', startedAt: new Date((started += 1_000)) } });
      await abandonSyncRun(run.id, reason);
    };
    await fail('Linq refused the API key (401).');
    expect((await sendNow()).posts).toHaveLength(0);
    await fail('Linq refused the API key (401).');
    expectOneMessage(await sendNow(), 'The full sync of the chat index failed twice in a row', 'Linq refused the API key (401).');
    await fail('Linq refused the API key (401).');
    expect((await sendNow()).posts).toHaveLength(0);
  });

  it('a run ending with chats not shared alerts with its figures and its page', async () => {
    const run = await h.db.shareRun.create({
      data: {
        source: 'BULK',
        createdById: adminId,
        selection: {},
        total: 3,
        items: {
          create: [
            { chatId: 'chat-a', state: 'SHARED' },
            { chatId: 'chat-b', state: 'FAILED' },
            { chatId: 'chat-c', state: 'UNKNOWN' },
          ],
        },
      },
    });
    const { finishIfDone } = await import('@/lib/runs/completion');
    expect((await finishIfDone(run.id, new Date())).kind).toBe('stopped');
    await finishIfDone(run.id, new Date());
    expectOneMessage(
      await sendNow(),
      'Bulk share by Ada Admin ended with 2 of 3 chats not shared',
      '1 shared, 1 failed, 0 refused by Linq, 1 with an unknown outcome',
      `/runs/${run.id}`,
    );
  });

  it('a card Linq still has not applied 10 minutes after its save alerts once; one applied meanwhile does not', async () => {
    const line = await accountLine();
    const saved = new Date(Date.now() - 11 * 60_000);
    const revision = await h.db.cardRevision.create({
      data: {
        phoneNumber: line,
        write: 'CREATE',
        afterFirstName: 'Harbor',
        outcome: 'NOT_APPLIED_YET',
        actorId: adminId,
        createdAt: saved,
        completedAt: saved,
      },
    });
    const { alertCardsNotApplied } = await import('@/lib/cards/not-applied');
    await alertCardsNotApplied(new Date(), h.backgroundLinq);
    await alertCardsNotApplied(new Date(), h.backgroundLinq);
    expectOneMessage(await sendNow(), `The card of ${line} is still not applied`, 'Linq error 2012');
    expect(await h.db.alert.count({ where: { key: `card:${revision.id}` } })).toBe(1);

    // Applied by the time it is looked at (nobody had read it since): no alert.
    const appliedLine = (await h.control<{ phone_number: string }>('POST', '/__sandbox/lines', { card: { first_name: 'Harbor' } })).phone_number;
    const { refreshLines } = await import('@/lib/lines/store');
    await refreshLines(h.linq);
    const appliedSave = await h.db.cardRevision.create({
      data: {
        phoneNumber: appliedLine,
        write: 'CREATE',
        afterFirstName: 'Harbor',
        outcome: 'NOT_APPLIED_YET',
        actorId: adminId,
        createdAt: saved,
        completedAt: saved,
      },
    });
    await alertCardsNotApplied(new Date(), h.backgroundLinq);
    expect(await h.db.alert.count({ where: { key: `card:${appliedSave.id}` } })).toBe(0);
    expect(await h.db.cardRevision.findUniqueOrThrow({ where: { id: appliedSave.id } })).toMatchObject({ outcome: 'APPLIED' });
  });

  it('pausing automatic shares and the webhooks going quiet alert; a storm of alerts goes out as one message per channel', async () => {
    const { setAutoSharePause } = await import('@/lib/auto/rules');
    await setAutoSharePause(true, adminId);
    await h.db.webhookSubscription.create({
      data: {
        id: 'sub-quiet',
        targetUrl: 'https://console.example.com/api/webhooks/linq',
        events: [],
        secretCiphertext: 'v1.x',
        createdById: adminId,
        createdAt: new Date(Date.now() - 2 * 3_600_000),
      },
    });
    const { watchDeliverySilence } = await import('@/lib/webhooks/upkeep');
    await watchDeliverySilence(new Date());
    await watchDeliverySilence(new Date());
    const sent = await sendNow();
    expectOneMessage(sent, 'Automatic shares are paused', 'Ada Admin paused every automatic share', 'No webhook delivery for 60 minutes', '/settings/webhooks');
    expect(sent.posts[0]!).toContain('2 alerts');
    await h.db.webhookSubscription.delete({ where: { id: 'sub-quiet' } });
  });

  it('an event that is off records nothing', async () => {
    const { saveRules, readRules } = await import('@/lib/alerts/store');
    const rules = await readRules();
    const on = Object.fromEntries(Object.entries(rules).map(([event, rule]) => [event, event === 'AUTO_SHARES_PAUSED' ? false : rule.enabled])) as Record<
      keyof typeof rules,
      boolean
    >;
    await saveRules({ on, silenceMinutes: 60 }, adminId);
    const { setAutoSharePause } = await import('@/lib/auto/rules');
    await setAutoSharePause(false, adminId);
    const before = await h.db.alert.count();
    await setAutoSharePause(true, adminId);
    expect(await h.db.alert.count()).toBe(before);
    expect((await sendNow()).posts).toHaveLength(0);
    expect(await h.db.settingsChange.findFirst({ where: { kind: 'ALERT_EVENTS_CHANGED' }, orderBy: { createdAt: 'desc' } })).toMatchObject({
      actorId: adminId,
      after: { silenceMinutes: 60 },
    });
  });

  it('a failing channel is retried later and shows its error until it delivers; the other channel is not held back', async () => {
    slack.failNext();
    const { raiseAlert } = await import('@/lib/alerts/raise');
    const now = new Date();
    await raiseAlert({ event: 'RUN_FAILURES', key: `run:retry-${now.getTime()}`, title: 'A run for the retry test', detail: 'Figures.' }, now);
    const first = await sendNow(now);
    expect(first.mails).toHaveLength(1);
    expect(first.posts).toHaveLength(0);
    const slackChannel = await h.db.alertChannel.findUniqueOrThrow({ where: { kind: 'SLACK' } });
    expect(slackChannel.lastError).toMatch(/^The webhook at 127\.0\.0\.1:\d+ answered 500 \(no_service\)/);
    const waiting = await h.db.alertDelivery.findFirstOrThrow({ where: { channel: 'SLACK', alert: { key: `run:retry-${now.getTime()}` } } });
    expect(waiting).toMatchObject({ state: 'PENDING', attempts: 1 });

    // Not before its time; then once.
    expect((await sendNow(new Date(now.getTime() + 5_000))).posts).toHaveLength(0);
    const retried = await sendNow(new Date(now.getTime() + 31_000));
    expect(retried.posts).toHaveLength(1);
    expect(retried.mails).toHaveLength(0);
    expect(await h.db.alertDelivery.findFirstOrThrow({ where: { channel: 'SLACK', alert: { key: `run:retry-${now.getTime()}` } } })).toMatchObject({
      state: 'SENT',
      attempts: 2,
    });
    expect(await h.db.alertChannel.findUniqueOrThrow({ where: { kind: 'SLACK' } })).toMatchObject({ lastError: null });
  });

  it('the test alert goes at once through the channel asked, and an unreachable SMTP server is explained', async () => {
    const { sendTestAlert } = await import('@/lib/alerts/send');
    expect(await sendTestAlert('SLACK', 'Ada Admin')).toEqual({ ok: true });
    expect(slack.posts).toHaveLength(1);
    expect(slack.posts[0]!).toContain('Test alert (Slack)');
    expect(smtp.mails).toHaveLength(0);

    const { saveEmailChannel } = await import('@/lib/alerts/store');
    await saveEmailChannel(
      {
        enabled: true,
        host: '127.0.0.1',
        port: 1,
        security: 'none',
        username: '',
        password: '',
        clearPassword: false,
        from: 'console@example.com',
        to: ['ops@example.com'],
      },
      adminId,
    );
    const outcome = await sendTestAlert('EMAIL', 'Ada Admin');
    expect(outcome).toEqual({ ok: false, error: 'The SMTP server at 127.0.0.1:1 refused the connection: check the host and port.' });
    expect(await h.db.alertChannel.findUniqueOrThrow({ where: { kind: 'EMAIL' } })).toMatchObject({ lastError: outcome.ok ? null : outcome.error });
    expect(await h.db.alert.count({ where: { event: 'TEST' } })).toBe(2);
  });
});
