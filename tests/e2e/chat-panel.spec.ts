import { expect, hydrated, test } from './fixtures';

// A chat's panel, opened from its row: the index's facts, its eligibility, its shares, and its last
// messages read from Linq as the panel opens (and only then).

test('a chat’s panel has its own address, shows the index’s facts and shares, and reads the last messages from Linq once, on opening', async ({
  page,
  db,
  sandbox,
  signInAs,
  indexChats,
}) => {
  await signInAs(page, 'OPERATOR');
  const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
  const handle = `+1415${String(Date.now()).slice(-7)}`;
  const chatId = await sandbox.addChat({ from: line, to: [handle], inbound: 2, outbound: 1 });
  await indexChats();
  const messageReads = async () => (await sandbox.requests({ path: `/v3/chats/${chatId}/messages`, method: 'GET' })).length;
  const readsBefore = await messageReads();

  // Share from the Chats page; the page view itself asks Linq for no message.
  await page.goto(`/chats?from=${encodeURIComponent(line)}`);
  const row = page.getByRole('row', { name: handle });
  await hydrated(row);
  expect(await messageReads()).toBe(readsBefore);
  await row.getByRole('button', { name: `Share the card into ${handle}` }).click();
  await expect(row.getByRole('status', { name: `Share with ${handle}` }).getByText('Shared just now')).toBeVisible();
  // (The share may check the chat's messages itself: counted from here.)
  const readsAfterShare = await messageReads();

  await row.getByRole('link', { name: handle }).click();
  await expect(page).toHaveURL(`/chats/${chatId}`);
  await expect(page.getByRole('heading', { level: 1, name: handle })).toBeVisible();
  const facts = page.getByRole('definition');
  await expect(facts.filter({ hasText: line })).toBeVisible();
  await expect(facts.filter({ hasText: /^(You|The customer), / })).toBeVisible();
  await expect(page.getByText('Not shared within the cooldown')).toBeVisible();

  const messages = page.getByRole('list', { name: 'Messages, newest first' }).getByRole('listitem');
  await expect(messages).toHaveCount(3);
  await expect(messages.filter({ hasText: 'Reply 1 from the business' })).toContainText('You, ');
  await expect(messages.filter({ hasText: 'Message 1 from the customer' })).toContainText('The customer, ');
  expect(await messageReads()).toBe(readsAfterShare + 1);

  const shares = page.getByRole('list', { name: 'Share attempts' }).getByRole('listitem');
  await expect(shares).toHaveCount(await db.shareEvent.count({ where: { chatId } }));
  await expect(shares.first()).toContainText('Shared');

  // Read again on demand: one more read, counted like the first.
  await page.getByRole('button', { name: 'Read again' }).click();
  await expect.poll(messageReads).toBe(readsAfterShare + 2);
  await expect(messages).toHaveCount(3);
});

test('an unknown chat’s panel is not found, and its messages are never asked of Linq', async ({ page, sandbox, signInAs }) => {
  await signInAs(page, 'VIEWER');
  await page.goto('/chats/no-such-chat-id');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  const api = await page.request.get('/api/chats/no-such-chat-id/messages');
  expect(api.status()).toBe(404);
  expect(await sandbox.requests({ path: '/v3/chats/no-such-chat-id/messages' })).toEqual([]);
});
