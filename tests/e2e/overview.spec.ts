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
  await expect(page).toHaveURL(/\/history\?from=\d{4}-\d{2}-\d{2}&tz=UTC&outcome=FAILED/);
  await expect(page.getByLabel('Outcome')).toHaveValue('FAILED');
});

test.describe('in the viewer’s zone', () => {
  test.use({ timezoneId: 'Pacific/Auckland' });

  test('the Overview counts Auckland’s days, from the first byte once the browser has said its zone', async ({ page, signInAs }) => {
    await signInAs(page, 'VIEWER');
    await page.goto('/');
    // The first page tells the server the zone (a cookie) and is rendered again in it.
    await expect(page.getByText(/^Days in your time zone, Pacific\/Auckland\. Failed counts/)).toBeVisible();
    await expect(page.getByText(/^Days in your time zone, Pacific\/Auckland\. Refused attempts/)).toBeVisible();
    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === 'viewer_tz')?.value).toBe(encodeURIComponent('Pacific/Auckland'));
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland' }).format(new Date());
    await expect(page.getByRole('link', { name: /Shared today/ })).toHaveAttribute('href', `/history?from=${today}&tz=Pacific%2FAuckland&outcome=SUCCEEDED`);

    // The next page's HTML, before any script runs, is already in Auckland's days.
    const html = await (await page.request.get('/')).text();
    expect(html).toMatch(/Days in your time zone, (<!-- -->)?Pacific\/Auckland/);
  });
});

test('"What to do next" names a number without a card and the iMessage chats waiting for it, and takes an operator to its card', async ({
  page,
  db,
  sandbox,
  signInAs,
  indexChats,
}) => {
  await signInAs(page, 'OPERATOR');
  const line = await sandbox.addLine();
  const stamp = String(Date.now()).slice(-6);
  await sandbox.addChat({ from: line, to: [`+1628${stamp}01`], outbound: 1 });
  await sandbox.addChat({ from: line, to: [`+1628${stamp}02`], outbound: 2 });
  await sandbox.addChat({ from: line, to: [`+1628${stamp}03`], service: 'SMS', outbound: 1 });
  // And one chat that can receive a card now, on a number with one.
  await sandbox.addChat({ from: await sandbox.addLine({ card: { first_name: 'Harbor' } }), to: [`+1628${stamp}04`], outbound: 1 });
  await indexChats();

  await page.goto('/');
  await expect(page.getByRole('list', { name: 'Recent runs' }).or(page.getByText('No bulk share or daily re-share has run yet.'))).toBeVisible();
  const steps = page.getByRole('list', { name: 'Next steps' });
  const waiting = await db.chat.count({ where: { sendingNumber: line, service: 'iMessage', outbound: 'YES', goneAt: null } });
  expect(waiting).toBe(2);
  const step = steps.getByRole('listitem').filter({ hasText: line });
  await expect(step).toHaveText(new RegExp(`^${line.replace('+', '\\+')} has no card: ${waiting} iMessage chats are waiting\\.Set up its card`));
  await expect(
    steps
      .getByRole('listitem')
      .filter({ hasText: /chats? can receive the card now\./ })
      .getByRole('link', { name: /^Share/ }),
  ).toHaveAttribute('href', '/chats?show=eligible');
  await step.getByRole('link', { name: /^Set up its card/ }).click();
  await expect(page).toHaveURL(`/cards/${encodeURIComponent(line)}`);
});
