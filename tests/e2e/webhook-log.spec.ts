import { signatureHeaders } from '@/lib/sandbox/webhooks';
import { expect, test } from './fixtures';

// Settings → Webhooks → Delivery log, as an admin reads it: every verified delivery with what it was
// about and what it changed, payloads with customer numbers masked, and a failed one applied again.
// Deliveries are signed here with the secret the PostgreSQL consoles are given (LINQ_WEBHOOK_SECRET).

test('the delivery log says what each delivery changed, masks numbers, and applies a failed one again', async ({
  page,
  baseURL,
  db,
  sandbox,
  signInAs,
  indexChats,
  consoleUnderTest,
}) => {
  test.skip(!consoleUnderTest.webhookSecret, 'Needs a console given LINQ_WEBHOOK_SECRET to sign deliveries with (the PostgreSQL ones).');
  const secret = consoleUnderTest.webhookSecret!;
  const deliver = async (id: string, event: Record<string, unknown>) => {
    const body = JSON.stringify({ created_at: new Date().toISOString(), ...event });
    const headers = { 'content-type': 'application/json', ...signatureHeaders(secret, id, Math.floor(Date.now() / 1000), body) };
    expect((await page.request.post(`${baseURL}/api/webhooks/linq`, { headers, data: body })).status()).toBe(200);
  };
  const suffix = `${Date.now()}${test.info().repeatEachIndex}`;

  await signInAs(page, 'ADMIN');
  const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
  const handle = `+1631${String(Date.now() % 10_000_000).padStart(7, '0')}`;
  const sent = await sandbox.addChat({ from: line, to: [handle], outbound: 0 });
  const joined = await sandbox.addChat({ from: line, to: [`+1632${String(Date.now() % 10_000_000).padStart(7, '0')}`], outbound: 1 });
  await indexChats();

  await deliver(`msg_log_sent_${suffix}`, {
    event_type: 'message.sent',
    event_id: `evt_log_sent_${suffix}`,
    data: { direction: 'outbound', chat: { id: sent }, sent_at: new Date().toISOString(), to: [handle] },
  });
  // Linq fails once to answer for the chat a participant joined: the delivery cannot be applied.
  await sandbox.addFaults([{ method: 'GET', path: `^/v3/chats/${joined}$`, status: 503, times: 1 }]);
  await deliver(`msg_log_joined_${suffix}`, { event_type: 'participant.added', event_id: `evt_log_joined_${suffix}`, data: { chat_id: joined } });
  await expect.poll(async () => (await db.webhookDelivery.findUnique({ where: { id: `msg_log_joined_${suffix}` } }))?.status).toBe('FAILED');

  await page.goto('/settings');
  await page.getByRole('link', { name: 'Open the delivery log' }).click();
  await expect(page.getByRole('heading', { name: 'Webhook deliveries' })).toBeVisible();
  await page.getByLabel('Event').selectOption('message.sent');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/type=message\.sent/);
  const sentRow = page.getByRole('row').filter({ hasText: `chat ${sent}` });
  await expect(sentRow.getByText('Applied')).toBeVisible();
  await expect(sentRow.getByText('Our message recorded: the chat has an outbound message. The chat became eligible for the card.')).toBeVisible();
  await sentRow.getByText('Payload (numbers masked)').click();
  await expect(sentRow.getByText(`+1…${handle.slice(-4)}`)).toBeVisible();
  await expect(sentRow.getByText(handle)).toHaveCount(0);

  await page.getByLabel('Event').selectOption('participant.added');
  await page.getByLabel('Outcome').selectOption('FAILED');
  await page.getByRole('button', { name: 'Filter' }).click();
  const joinedRow = page.getByRole('row').filter({ hasText: `chat ${joined}` });
  await expect(joinedRow.getByText('Failed', { exact: true })).toBeVisible();
  await joinedRow.getByRole('button', { name: /^Apply again: participant\.added/ }).click();
  await expect(page.getByText('Applying the delivery again: its row says how it went in a moment.')).toBeVisible();
  await expect.poll(async () => (await db.webhookDelivery.findUniqueOrThrow({ where: { id: `msg_log_joined_${suffix}` } })).status).toBe('APPLIED');
  // The page is live: the row leaves the "Failed" filter without a reload.
  await expect(joinedRow).toHaveCount(0);
  await page.getByLabel('Outcome').selectOption('');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(
    page
      .getByRole('row')
      .filter({ hasText: `chat ${joined}` })
      .getByText('The chat read again from Linq (its people, service and health).'),
  ).toBeVisible();
  expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: `msg_log_joined_${suffix}` } })).toMatchObject({
    subject: `chat:${joined}`,
    change: 'The chat read again from Linq (its people, service and health).',
  });
});
