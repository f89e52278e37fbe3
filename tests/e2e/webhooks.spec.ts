import { expect, test } from './fixtures';

// Linq's webhooks through the console as an admin sets them up, and what they change on screen.
test.describe.configure({ mode: 'serial' });

test.describe('webhooks', () => {
  test('Settings → Connect subscribes this console, and a delivery with a wrong signature is refused', async ({ page, baseURL, db, sandbox, signInAs }) => {
    const admin = await signInAs(page, 'ADMIN');
    await page.goto('/settings');
    await expect(page.getByRole('heading', { name: 'Webhooks' })).toBeVisible();
    // Run again on the same console (--repeat-each), it starts from what the last run left: connected.
    const connect = page.getByRole('button', { name: 'Connect', exact: true });
    const disconnect = page.getByRole('button', { name: 'Disconnect', exact: true });
    await expect(connect.or(disconnect)).toBeVisible();
    if (await disconnect.isVisible()) {
      await disconnect.click();
      await page.getByRole('dialog').getByRole('button', { name: 'Disconnect' }).click();
    }
    await connect.click();
    await expect(page.getByText(/^Connected: Linq now sends chat and message events/)).toBeVisible();
    await expect(page.getByText('Active at Linq')).toBeVisible();

    const target = `${baseURL}/api/webhooks/linq?version=2026-02-03`;
    const subscription = (await sandbox.webhookSubscriptions()).find((s) => s.target_url === target);
    expect(subscription?.subscribed_events.sort()).toEqual(
      ['chat.created', 'message.failed', 'message.received', 'message.sent', 'participant.added', 'participant.removed', 'phone_number.status_updated'].sort(),
    );
    expect(await db.settingsChange.findFirst({ where: { kind: 'WEBHOOK_CONNECTED', actorId: admin.id } })).toMatchObject({ subject: target });

    const body = JSON.stringify({
      event_type: 'message.sent',
      event_id: 'forged',
      created_at: new Date().toISOString(),
      data: { chat: { id: 'any' }, sent_at: new Date().toISOString() },
    });
    const forged = await page.request.post('/api/webhooks/linq', {
      headers: {
        'content-type': 'application/json',
        'webhook-id': 'msg_forged',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': 'v1,Zm9yZ2VkIHNpZ25hdHVyZQ==',
      },
      data: body,
    });
    expect(forged.status()).toBe(401);
    expect(await db.webhookDelivery.count({ where: { id: 'msg_forged' } })).toBe(0);
    await page.reload();
    await expect(page.getByText('Refused today')).toBeVisible();
    await expect(page.getByText(/Last: The delivery’s signature does not match/)).toBeVisible();
  });

  test('a message sent from elsewhere turns a chat eligible on the page, without its messages being read again', async ({
    page,
    db,
    sandbox,
    signInAs,
    indexChats,
  }) => {
    await signInAs(page, 'OPERATOR');
    const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
    const handle = `+1646${String(Date.now()).slice(-7)}`;
    const chatId = await sandbox.addChat({ from: line, to: [handle], outbound: 0, inbound: 2 });
    await indexChats();

    await page.goto(`/chats?from=${encodeURIComponent(line)}`);
    const row = page.getByRole('row', { name: handle });
    await expect(row.getByText('You have not sent a message in this chat yet: send one first.')).toBeVisible();
    const readsBefore = (await sandbox.requests({ path: `/v3/chats/${chatId}/messages` })).length;

    await sandbox.sendFromElsewhere(chatId);
    await expect(row.getByText('Eligible', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(row.getByRole('button', { name: `Share the card into ${handle}` })).toBeEnabled();
    // The webhook's path reads no message. Another test's full sync running meanwhile may (Linq says
    // the chat changed, and the messages are the authority): any read is one of a sync's.
    const reads = (await sandbox.requests({ path: `/v3/chats/${chatId}/messages` })).slice(readsBefore);
    const syncs = await db.chatSyncRun.findMany({ select: { startedAt: true, finishedAt: true } });
    const duringSync = (at: string) =>
      syncs.some((sync) => sync.startedAt.getTime() <= Date.parse(at) && (sync.finishedAt?.getTime() ?? Infinity) >= Date.parse(at));
    expect(reads.filter((read) => !duringSync(read.at))).toEqual([]);
    expect((await sandbox.webhookDeliveries()).filter((d) => d.event_type === 'message.sent' && d.status === 200).length).toBeGreaterThan(0);
  });
});
