import { signatureHeaders } from '@/lib/sandbox/webhooks';
import { startSlackReceiver, startSmtpServer } from '../support/alert-receivers';
import { expect, test } from './fixtures';

// Settings → Alerts as an admin sets them up: a real SMTP server and a receiver of Slack's format,
// started here, take what the console sends. The alert channels are the console's own: one test
// owns them, and turns them off again at the end.

test('an admin sets up email and Slack alerts, tests each, sees a failing channel, and finds every alert in History', async ({
  page,
  baseURL,
  db,
  sandbox,
  signInAs,
  indexChats,
  consoleUnderTest,
}) => {
  test.slow();
  const since = new Date();
  const smtp = await startSmtpServer();
  const slack = await startSlackReceiver();
  try {
    await signInAs(page, 'ADMIN');
    await page.goto('/settings');
    await page.getByRole('link', { name: 'Set up alerts' }).click();
    await expect(page.getByRole('heading', { name: 'Alerts', exact: true })).toBeVisible();

    // Slack: an address that is neither HTTPS nor this machine is explained beside the field.
    const slackForm = page.getByRole('form', { name: 'Slack alerts' });
    await slackForm.getByLabel('Incoming-webhook address').fill('http://hooks.example.com/services/x');
    await slackForm.getByRole('button', { name: 'Save Slack settings' }).click();
    await expect(slackForm.getByText('Paste the incoming-webhook address Slack gave you; it starts with https://.')).toBeVisible();
    await slackForm.getByLabel('Incoming-webhook address').fill(slack.url);
    // Checked by default on a console that never had one; an earlier run of this test left it off.
    await slackForm.getByLabel('Post alerts to Slack').check();
    await slackForm.getByRole('button', { name: 'Save Slack settings' }).click();
    await expect(page.getByText('Slack alerts saved and on. Send a test alert to check them.')).toBeVisible();
    const slackStatus = page.getByRole('status', { name: 'Slack channel status' });
    await expect(slackStatus).toContainText('On');
    // The address is a secret: only its host is shown again.
    await expect(slackForm.getByText(`An address on ${slack.host} is stored. Leave this empty to keep it.`)).toBeVisible();
    await expect(page.locator('body')).not.toContainText('test-secret');

    await page.getByRole('button', { name: 'Send a test alert by slack' }).click();
    await expect(page.getByText('Test alert sent by slack. Check that it arrived.')).toBeVisible();
    await expect.poll(() => slack.posts.filter((text) => text.includes('Test alert (Slack)')).length).toBe(1);
    await expect(slackStatus).not.toContainText('never');
    await expect(slackStatus).not.toContainText('Failing');

    // Email: a form left half-filled, then the SMTP server started here.
    const emailForm = page.getByRole('form', { name: 'Email alerts' });
    await emailForm.getByLabel('SMTP server').fill('smtp://127.0.0.1');
    await emailForm.getByLabel('Send to').fill('');
    await emailForm.getByRole('button', { name: 'Save email settings' }).click();
    await expect(emailForm.getByText('Write a host name such as smtp.example.com, without http:// or a port.')).toBeVisible();
    await expect(emailForm.getByText('Write at least one address to send alerts to.')).toBeVisible();
    await emailForm.getByLabel('SMTP server').fill('127.0.0.1');
    await emailForm.getByLabel('Port').fill(String(smtp.port));
    await emailForm.getByLabel('Security').selectOption('none');
    await emailForm.getByLabel('From').fill('console@e2e.test');
    await emailForm.getByLabel('Send to').fill('ops@e2e.test, oncall@e2e.test');
    await emailForm.getByLabel('Send alerts by email').check();
    await emailForm.getByRole('button', { name: 'Save email settings' }).click();
    await expect(page.getByText('Email alerts saved and on. Send a test alert to check them.')).toBeVisible();
    await page.getByRole('button', { name: 'Send a test alert by email' }).click();
    await expect(page.getByText('Test alert sent by email. Check that it arrived.')).toBeVisible();
    await expect.poll(() => smtp.mails.filter((mail) => mail.includes('Test alert (Email)')).length).toBe(1);
    const mail = smtp.mails.find((text) => text.includes('Test alert (Email)'))!;
    expect(mail).toMatch(/^To: ops@e2e\.test, oncall@e2e\.test$/m);
    expect(mail).toContain(`${baseURL}/settings/alerts`);

    // Slack answers 500: the page says so, the channel shows it, and the next delivery clears it.
    slack.failNext();
    await page.getByRole('button', { name: 'Send a test alert by slack' }).click();
    await expect(page.getByText(`The webhook at ${slack.host} answered 500 (no_service): check the address, or make a new webhook.`).first()).toBeVisible();
    await expect(slackStatus).toContainText('Failing');

    // A real event, on the consoles that can sign Linq's deliveries: a number flagged alerts through both channels.
    let flagged: string | null = null;
    if (consoleUnderTest.webhookSecret) {
      flagged = await sandbox.addLine({ card: { first_name: 'Harbor' } });
      await indexChats();
      const body = JSON.stringify({
        event_type: 'phone_number.status_updated',
        event_id: `evt_flag_${Date.now()}_${test.info().repeatEachIndex}`,
        created_at: new Date().toISOString(),
        data: { phone_number: flagged, new_status: 'FLAGGED', changed_at: new Date().toISOString() },
      });
      const headers = {
        'content-type': 'application/json',
        ...signatureHeaders(consoleUnderTest.webhookSecret, `msg_flag_${Date.now()}`, Math.floor(Date.now() / 1000), body),
      };
      expect((await page.request.post(`${baseURL}/api/webhooks/linq`, { headers, data: body })).status()).toBe(200);
      await expect.poll(() => slack.posts.some((text) => text.includes(`Linq flagged ${flagged}`)), { timeout: 45_000 }).toBe(true);
      await expect.poll(() => smtp.mails.some((text) => text.includes(`Linq flagged ${flagged}`)), { timeout: 15_000 }).toBe(true);
      await expect(slackStatus).not.toContainText('Failing');
    }

    // Which events alert: the silence's minutes are bounded.
    const events = page.getByRole('form', { name: 'Alert events' });
    await events.getByLabel('Minutes without a delivery').fill('2');
    await events.getByRole('button', { name: 'Save alert events' }).click();
    await expect(events.getByText('Use 5 minutes or more: deliveries can be minutes apart on a quiet account.')).toBeVisible();
    await events.getByLabel('Minutes without a delivery').fill('90');
    await events.getByRole('button', { name: 'Save alert events' }).click();
    await expect(page.getByText('Alert events saved.')).toBeVisible();
    expect(await db.alertRule.findUnique({ where: { event: 'WEBHOOKS_SILENT' } })).toMatchObject({ enabled: true, minutes: 90 });

    // Listed on the page and in History, with how each delivery went; the database agrees.
    const latest = page.getByRole('table', { name: 'Latest alerts' });
    await expect(latest.getByRole('row').filter({ hasText: 'Test alert (Slack)' }).filter({ hasText: 'Slack: not sent' }).first()).toBeVisible();
    await page.goto('/history?tab=alerts');
    const history = page.getByRole('table', { name: 'Alerts' });
    await expect(history.getByRole('row').filter({ hasText: 'Test alert (Email)' }).filter({ hasText: 'Email: sent' }).first()).toBeVisible();
    if (flagged) await expect(history.getByRole('row').filter({ hasText: `Linq flagged ${flagged}` })).toContainText('Email: sent');
    const recorded = await db.alert.findMany({
      where: { createdAt: { gte: since }, event: 'TEST' },
      include: { deliveries: true },
      orderBy: { createdAt: 'asc' },
    });
    expect(recorded.map((alert) => [alert.title, alert.deliveries.map((d) => d.state)])).toEqual([
      ['Test alert (Slack)', ['SENT']],
      ['Test alert (Email)', ['SENT']],
      ['Test alert (Slack)', ['FAILED']],
    ]);
    expect((await db.alertChannel.findUniqueOrThrow({ where: { kind: 'SLACK' } })).secretCiphertext).not.toContain('test-secret');
  } finally {
    // The channels are the console's: off again, so that later tests' events are not sent to servers that are gone.
    await page.goto('/settings/alerts');
    for (const [form, box, button, saved] of [
      ['Slack alerts', 'Post alerts to Slack', 'Save Slack settings', 'Slack alerts saved, and off.'],
      ['Email alerts', 'Send alerts by email', 'Save email settings', 'Email alerts saved, and off.'],
    ] as const) {
      const channel = page.getByRole('form', { name: form });
      if ((await channel.getByLabel(box).count()) === 0) continue;
      await channel.getByLabel(box).uncheck();
      await channel.getByRole('button', { name: button }).click();
      await expect(page.getByText(saved)).toBeVisible();
    }
    await smtp.close();
    await slack.close();
  }
});
