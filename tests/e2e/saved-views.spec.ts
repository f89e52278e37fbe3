import { expect, hydrated, test } from './fixtures';

// Saved views: the Chats page's filters under a name, the person's own or shared with everyone, in
// the navigation with a count that agrees with the rows it opens and follows changes live.

let counter = 0;
const customer = () => `+1415${String(Date.now() % 100_000).padStart(5, '0')}${String(++counter % 100).padStart(2, '0')}`;

test('an operator saves and shares a view; its count follows a share live and opens as many rows; a viewer’s own view stays theirs', async ({
  page,
  browser,
  extraHTTPHeaders,
  db,
  sandbox,
  signInAs,
  indexChats,
}) => {
  const operator = await signInAs(page, 'OPERATOR');
  const line = await sandbox.addLine({ card: { first_name: 'Harbor' } });
  const handles = [customer(), customer()];
  for (const handle of handles) await sandbox.addChat({ from: line, to: [handle], outbound: 1 });
  await sandbox.addChat({ from: line, to: [customer()], service: 'SMS', outbound: 1 });
  await indexChats();

  await page.goto(`/chats?from=${encodeURIComponent(line)}&show=eligible`);
  await hydrated(page.getByRole('table', { name: 'Chats' }));
  await page.getByRole('button', { name: 'Save view' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save this view' });
  await expect(dialog.getByLabel('Name')).toHaveValue(`Eligible on ${line}`);
  const name = `Eligible ${line} ${test.info().project.name}`;
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel(/Share with everyone/).check();
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await expect(dialog).toBeHidden();

  const nav = page.getByRole('navigation', { name: 'Saved views' });
  const link = nav.getByRole('link', { name });
  await expect(link).toContainText('2');
  const saved = await db.savedView.findFirstOrThrow({ where: { name } });
  expect(saved).toMatchObject({ ownerId: operator.id, shared: true, query: `from=${encodeURIComponent(line)}&show=eligible` });

  // A share takes one chat out of the view: the count follows without a reload.
  await page.getByRole('button', { name: `Share the card into ${handles[0]}` }).click();
  await expect(page.getByRole('status', { name: `Share with ${handles[0]}` }).getByText('Shared just now')).toBeVisible();
  await expect(link).toContainText('1');

  // A viewer sees the shared view; it opens exactly as many rows as it counts.
  const viewerContext = await browser.newContext({ extraHTTPHeaders });
  const viewer = await viewerContext.newPage();
  await signInAs(viewer, 'VIEWER');
  await viewer.goto('/');
  const viewerLink = viewer.getByRole('navigation', { name: 'Saved views' }).getByRole('link', { name });
  await expect(viewerLink).toContainText('1');
  await viewerLink.click();
  await expect(viewer).toHaveURL(`/chats?${saved.query}`);
  await expect(viewer.getByRole('table', { name: 'Chats' }).getByRole('row')).toHaveCount(2);
  await expect(viewerLink).toHaveAttribute('aria-current', 'page');

  // The viewer keeps a view of their own (they cannot share one); the operator does not see it.
  await viewer.getByRole('button', { name: 'Save view' }).click();
  const viewerDialog = viewer.getByRole('dialog', { name: 'Save this view' });
  await expect(viewerDialog.getByLabel(/Share with everyone/)).toHaveCount(0);
  const own = `Mine ${line} ${test.info().project.name}`;
  await viewerDialog.getByLabel('Name').fill(own);
  await viewerDialog.getByRole('button', { name: 'Save view' }).click();
  await expect(viewer.getByRole('navigation', { name: 'Saved views' }).getByRole('link', { name: own })).toBeVisible();
  expect(await db.savedView.findFirstOrThrow({ where: { name: own } })).toMatchObject({ shared: false });
  await page.reload();
  await expect(nav.getByRole('link', { name: own })).toHaveCount(0);
  // Nor can the viewer delete the operator's view.
  await expect(viewer.getByRole('button', { name: `Delete the view ${name}` })).toHaveCount(0);
  await viewerContext.close();

  await nav.getByRole('button', { name: `Delete the view ${name}` }).click();
  await expect(link).toHaveCount(0);
  expect(await db.savedView.count({ where: { name } })).toBe(0);
});

test('an empty name is refused beside the field, and nothing is saved', async ({ page, db, signInAs }) => {
  const viewer = await signInAs(page, 'VIEWER');
  await page.goto('/chats?show=eligible');
  // The button stays disabled until the page hydrates: the click waits for it.
  await page.getByRole('button', { name: 'Save view' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save this view' });
  await expect(dialog).toBeVisible();
  const before = await db.savedView.count({ where: { ownerId: viewer.id } });
  await dialog.getByLabel('Name').fill('   ');
  await dialog.getByRole('button', { name: 'Save view' }).click();
  await expect(dialog.getByText('Name the view, e.g. “Eligible on +1…0101, never shared”.')).toBeVisible();
  expect(await db.savedView.count({ where: { ownerId: viewer.id } })).toBe(before);
});
