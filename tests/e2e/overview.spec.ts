import { expect, test } from './fixtures';

test('the overview counts chats and eligible chats per number over the whole account, and links to them', async ({ page, sandbox, signInAs, indexChats }) => {
  await signInAs(page, 'VIEWER');
  const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
  const stamp = String(Date.now()).slice(-6);
  await sandbox.addChat({ from: line, to: [`+1718${stamp}01`], outbound: 1 });
  await sandbox.addChat({ from: line, to: [`+1718${stamp}02`], outbound: 2 });
  await sandbox.addChat({ from: line, to: [`+1718${stamp}03`], service: 'SMS', outbound: 1 });

  await indexChats();

  await page.goto('/');
  await expect(page.getByText(/as of the last full sync/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  for (const label of ['Shared today', 'Failed today', 'Shared, last 7 days', 'Failed, last 7 days']) {
    await expect(page.getByRole('link', { name: new RegExp(`^${label}`) })).toBeVisible();
  }
  await expect(page.getByRole('img', { name: /^Shares per day over 14 days/ })).toBeVisible();
  const numberRow = page.getByRole('table', { name: 'Sending numbers' }).getByRole('row').filter({ hasText: line });
  await expect(numberRow.getByRole('cell', { name: '3', exact: true })).toBeVisible();
  await numberRow.getByRole('link', { name: `2 eligible chats on ${line}` }).click();
  await expect(page).toHaveURL(new RegExp(`/chats\\?from=${encodeURIComponent(line).replace('+', '\\+')}.*show=eligible`));
  await expect(page.getByRole('table', { name: 'Chats' }).getByRole('row')).toHaveCount(3);

  await page.goto('/');
  await page.getByRole('link', { name: /^Failed today/ }).click();
  await expect(page).toHaveURL(/\/history\?from=\d{4}-\d{2}-\d{2}&outcome=FAILED/);
  await expect(page.getByLabel('Outcome')).toHaveValue('FAILED');
});
