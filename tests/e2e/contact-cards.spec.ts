import sharp from 'sharp';
import { expect, test } from './fixtures';
import { callServerAction, findServerAction, formData } from './server-actions';

const cardPage = (phone: string) => `/cards/${encodeURIComponent(phone)}`;

test.describe('contact cards', () => {
  test('an operator uploads a PNG, frames it, and creates the card: Linq gets a 512×512 JPEG and the card is active', async ({
    page,
    db,
    sandbox,
    signInAs,
  }) => {
    const operator = await signInAs(page, 'OPERATOR');
    const phone = await sandbox.addLine();
    const png = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#d94f30' } })
      .png()
      .toBuffer();

    await page.goto('/cards');
    const row = page.getByRole('listitem').filter({ hasText: phone });
    await expect(row.getByText('No card')).toBeVisible();
    await row.getByRole('link', { name: `Set up the card of ${phone}` }).click();

    await page.getByLabel('First name').fill('Harbor');
    await page.getByLabel('Last name').fill('Dental');
    await page.getByLabel('Upload a photo').check();
    await page.getByLabel('Photo file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
    await expect(page.getByRole('img', { name: 'Photo being framed' })).toBeVisible();
    await page.getByLabel('Zoom').fill('1.6');
    await expect(page.getByRole('group', { name: 'Preview on iPhone' }).getByText('Harbor Dental').first()).toBeVisible();
    await page.getByRole('button', { name: 'Create card' }).click();

    await expect(page.getByRole('heading', { name: 'Saved and active' })).toBeVisible();
    // Focus goes to the answer, and the cropper has done its job.
    await expect(page.getByRole('region', { name: 'Save result' })).toBeFocused();
    await expect(page.getByRole('group', { name: 'Framing area' })).toHaveCount(0);
    await expect(page.getByText('Active', { exact: true }).first()).toBeVisible();
    const history = page.getByRole('table', { name: 'Card history' });
    await expect(history.getByText('Applied')).toBeVisible();
    await expect(history.getByText('Name: Harbor Dental')).toBeVisible();
    await expect(history.getByText('Created the card')).toBeVisible();
    await expect(history.getByRole('img', { name: 'New photo' })).toBeVisible();

    const revision = await db.cardRevision.findFirstOrThrow({ where: { phoneNumber: phone } });
    expect(revision).toMatchObject({ write: 'CREATE', outcome: 'APPLIED', actorId: operator.id, afterFirstName: 'Harbor', afterLastName: 'Dental' });
    expect(revision.sentFields).toEqual(['first_name', 'last_name', 'image_url']);
    expect(revision.afterImageUrl).toMatch(/\/photos\/[a-f0-9]{64}\.jpg$/);

    const [post] = await sandbox
      .requests({ path: '/v3/contact_card', method: 'POST' })
      .then((all) => all.filter((r) => (r.body as { phone_number?: string }).phone_number === phone));
    expect(post?.body).toMatchObject({ phone_number: phone, first_name: 'Harbor', last_name: 'Dental', image_url: revision.afterImageUrl });
    const photo = await fetch(revision.afterImageUrl!);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect(photo.headers.get('cache-control')).toContain('immutable');
    const meta = await sharp(Buffer.from(await photo.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['jpeg', 512, 512, undefined]);
    const origin = new URL(revision.afterImageUrl!).origin;
    for (const missing of [`${'0'.repeat(64)}.jpg`, 'logo.jpg', `${'a'.repeat(64)}.png`]) {
      expect((await fetch(`${origin}/photos/${missing}`)).status).toBe(404);
    }
  });

  test('changing only the last name sends a PATCH with just that field', async ({ page, db, sandbox, signInAs }) => {
    await signInAs(page, 'ADMIN');
    const phone = await sandbox.addLine({ card: { first_name: 'Harbor', last_name: 'Dental' } });
    await page.goto(cardPage(phone));
    await expect(page.getByLabel('First name')).toHaveValue('Harbor');
    await page.getByLabel('Last name').fill('Dental Care');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('heading', { name: 'Saved and active' })).toBeVisible();
    const history = page.getByRole('table', { name: 'Card history' });
    await expect(history.getByText('Name: Harbor Dental → Harbor Dental Care')).toBeVisible();
    await expect(history.getByText('Updated the last name')).toBeVisible();

    const patches = await sandbox.requests({ path: '/v3/contact_card', method: 'PATCH' });
    const patch = patches.find((r) => r.query.phone_number === phone);
    expect(patch?.body).toEqual({ last_name: 'Dental Care' });
    const revision = await db.cardRevision.findFirstOrThrow({ where: { phoneNumber: phone } });
    expect(revision).toMatchObject({ write: 'UPDATE', sentFields: ['last_name'], beforeLastName: 'Dental', afterLastName: 'Dental Care', outcome: 'APPLIED' });
  });

  test('a viewer sees the card without edit controls, and the save action refuses them', async ({ page, db, sandbox, signInAs }) => {
    await signInAs(page, 'VIEWER');
    const phone = await sandbox.addLine({ card: { first_name: 'Harbor' } });
    await page.goto('/cards');
    await expect(page.getByRole('link', { name: `View the card of ${phone}` })).toBeVisible();
    await page.goto(cardPage(phone));
    await expect(page.getByRole('heading', { name: `Contact card of ${phone}` })).toBeVisible();
    await expect(page.getByText('Harbor', { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('textbox')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Save|Create/ })).toHaveCount(0);

    const action = findServerAction('lib/actions/contact-cards.ts', 'saveContactCardAction');
    const result = await callServerAction(page.request, { ...action, pagePath: cardPage(phone) }, [
      { status: 'idle' },
      formData({ phoneNumber: phone, firstName: 'Hijacked', lastName: '', photoMode: 'keep' }),
    ]);
    expect(result.text).toContain('Your role does not allow this.');
    expect((await sandbox.requests({ path: '/v3/contact_card', method: 'PATCH' })).filter((r) => r.query.phone_number === phone)).toEqual([]);
    expect(await db.cardRevision.count({ where: { phoneNumber: phone } })).toBe(0);
  });

  test('when Linq fails to apply the card (2022), the page says "not applied yet", keeps the form, and the retry works', async ({
    page,
    db,
    sandbox,
    signInAs,
  }) => {
    await signInAs(page, 'OPERATOR');
    const phone = await sandbox.addLine({ card_setup: 'fail' });
    await page.goto(cardPage(phone));
    await page.getByLabel('First name').fill('Harbor');
    await page.getByLabel('No photo').check();
    await page.getByRole('button', { name: 'Create card' }).click();

    const outcome = page.getByRole('region', { name: 'Save result' });
    await expect(outcome.getByRole('heading', { name: 'Not applied yet' })).toBeVisible();
    await expect(outcome.getByText(`Linq could not apply the contact card to ${phone} yet.`)).toBeVisible();
    await expect(page.getByLabel('First name')).toHaveValue('Harbor');
    const failed = await db.cardRevision.findFirstOrThrow({ where: { phoneNumber: phone } });
    expect(failed).toMatchObject({ outcome: 'FAILED', linqCode: 2022, httpStatus: 500 });
    expect(failed.traceId).toMatch(/^[a-f0-9]{32}$/);

    await sandbox.updateLine(phone, { card_setup: 'active' });
    await outcome.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('heading', { name: 'Saved and active' })).toBeVisible();
    const revisions = await db.cardRevision.findMany({ where: { phoneNumber: phone }, orderBy: { createdAt: 'asc' } });
    expect(revisions.map((r) => r.outcome)).toEqual(['FAILED', 'APPLIED']);
  });

  test('a card Linq stores but has not applied yet is watched until it becomes active', async ({ page, db, sandbox, signInAs }) => {
    await signInAs(page, 'OPERATOR');
    // Linq keeps the card inactive until the test applies it, once the page has said so.
    const phone = await sandbox.addLine({ card_setup: 'inactive' });
    await page.goto(cardPage(phone));
    await page.getByLabel('First name').fill('Harbor');
    await page.getByLabel('No photo').check();
    await page.getByRole('button', { name: 'Create card' }).click();

    await expect(page.getByRole('heading', { name: 'Not applied yet' })).toBeVisible();
    await expect(page.getByText('Checking every few seconds, for a minute…')).toBeVisible();
    await sandbox.updateLine(phone, { apply_card: true });
    await expect(page.getByRole('heading', { name: 'Applied: the card is active now' })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('table', { name: 'Card history' }).getByText('Applied')).toBeVisible();
    const revision = await db.cardRevision.findFirstOrThrow({ where: { phoneNumber: phone } });
    expect(revision.outcome).toBe('APPLIED');
    expect(revision.appliedAt).not.toBeNull();
  });

  test('bad input is explained beside the field and nothing reaches Linq', async ({ page, db, sandbox, signInAs }) => {
    await signInAs(page, 'OPERATOR');
    const phone = await sandbox.addLine();
    await page.goto(cardPage(phone));

    await page.getByRole('button', { name: 'Create card' }).click();
    await expect(page.getByText('Enter a first name: it is the name customers see.')).toBeVisible();
    await expect(page.getByLabel('First name')).toHaveAttribute('aria-invalid', 'true');

    // The error goes as the person types a name.
    await page.getByLabel('First name').fill('Harbor');
    await expect(page.getByText('Enter a first name: it is the name customers see.')).toBeHidden();
    await expect(page.getByLabel('First name')).toHaveAttribute('aria-invalid', 'false');
    await page.getByLabel('Upload a photo').check();
    await page
      .getByLabel('Photo file')
      .setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
    await expect(page.getByText('SVG drawings cannot be used as a contact photo. Choose a JPEG, PNG, WebP or HEIC photo.')).toBeVisible();
    await page.getByLabel('Photo file').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not really a photo') });
    await expect(page.getByText('This file is not a photo the console can use. Choose a JPEG, PNG, WebP or HEIC photo.')).toBeVisible();
    await page.getByRole('button', { name: 'Create card' }).click();
    await expect(page.getByText('Choose a photo file, or pick another photo option.')).toBeVisible();

    await page.getByLabel('Use a photo address').check();
    await page.getByLabel('Photo address', { exact: true }).fill('http://cdn.example.com/logo.png');
    await page.getByRole('button', { name: 'Create card' }).click();
    await expect(page.getByText('Give a full https:// address that anyone on the internet can open.')).toBeVisible();
    await page.getByLabel('Photo address', { exact: true }).fill('https://cdn.example.com/logo.png');
    await expect(page.getByText('Give a full https:// address that anyone on the internet can open.')).toBeHidden();
    await page.getByLabel('Photo address', { exact: true }).fill('http://cdn.example.com/logo.png');
    await page.getByRole('button', { name: 'Create card' }).click();
    await expect(page.getByText('Give a full https:// address that anyone on the internet can open.')).toBeVisible();
    await expect(page.getByLabel('First name')).toHaveValue('Harbor');

    const sent = await sandbox.requests({ path: '/v3/contact_card', method: 'POST' });
    expect(sent.filter((r) => (r.body as { phone_number?: string }).phone_number === phone)).toEqual([]);
    expect(await db.cardRevision.count({ where: { phoneNumber: phone } })).toBe(0);
  });

  test('at 1280 × 800 the drop zone gives way to the cropper and the preview stays beside it', async ({ page, sandbox, signInAs }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInAs(page, 'OPERATOR');
    const phone = await sandbox.addLine();
    const png = await sharp({ create: { width: 600, height: 600, channels: 3, background: '#2f6fd9' } })
      .png()
      .toBuffer();
    await page.goto(cardPage(phone));
    await page.getByLabel('First name').fill('Harbor');
    await page.getByLabel('Upload a photo').check();
    await expect(page.getByText('Drop a photo here, or')).toBeVisible();
    await page.getByLabel('Photo file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
    const framing = page.getByRole('group', { name: 'Framing area' });
    await expect(framing).toBeVisible();
    await expect(page.getByText('Drop a photo here, or')).toHaveCount(0);
    await expect(page.getByText('Choose another file')).toBeVisible();

    await framing.scrollIntoViewIfNeeded();
    await expect(framing).toBeInViewport();
    const preview = page.getByRole('group', { name: 'Preview on iPhone' }).getByRole('figure').first();
    await expect(preview).toBeInViewport({ ratio: 1 });
    const [framingBox, previewBox] = [await framing.boundingBox(), await preview.boundingBox()];
    expect(previewBox!.x).toBeGreaterThanOrEqual(framingBox!.x + framingBox!.width);
  });

  test('"Not applied yet" checks for a minute, then says what it means and offers Check again and Retry', async ({ page, db, sandbox, signInAs }) => {
    await signInAs(page, 'OPERATOR');
    const phone = await sandbox.addLine({ card_setup: 'inactive' });
    await page.clock.install();
    await page.goto(cardPage(phone));
    await page.getByLabel('First name').fill('Harbor');
    await page.getByLabel('No photo').check();
    await page.getByRole('button', { name: 'Create card' }).click();

    const outcome = page.getByRole('region', { name: 'Save result' });
    await expect(outcome.getByRole('heading', { name: 'Not applied yet' })).toBeVisible();
    await expect(outcome.getByText('Checking every few seconds, for a minute…')).toBeVisible();
    await page.clock.fastForward('01:05');
    await expect(outcome.getByText(/^Still not applied after a minute, so the console stopped checking\./)).toBeVisible();
    await expect(outcome.getByRole('button', { name: 'Retry' })).toBeVisible();

    // It stops asking: no read of the number's card status in the next minute.
    let reads = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === `/api/cards/${encodeURIComponent(phone)}`) reads++;
    });
    await page.clock.fastForward('01:00');
    expect(reads).toBe(0);

    await outcome.getByRole('button', { name: 'Check again' }).click();
    await expect(outcome.getByText('Checking every few seconds, for a minute…')).toBeVisible();
    await page.clock.fastForward('00:05');
    await expect.poll(() => reads).toBeGreaterThan(0);
    expect(await db.cardRevision.findFirstOrThrow({ where: { phoneNumber: phone } })).toMatchObject({ write: 'CREATE', afterFirstName: 'Harbor' });
  });
});
