import { describe, expect, it } from 'vitest';
import { LinqError } from '@/lib/linq/errors';
import { DEMO_LINES } from '@/lib/sandbox/seed';
import { newLine, startTestSandbox, TINY_PNG } from './harness';

const harness = startTestSandbox();

async function expectLinqError(promise: Promise<unknown>, status: number, code: number) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LinqError);
  expect(error).toMatchObject({ kind: 'api', status, code });
  expect((error as LinqError).traceId).toMatch(/^[a-f0-9]{32}$/);
  return error as LinqError;
}

describe('phone numbers', () => {
  it('lists the account’s lines', async () => {
    const lines = await harness.linq.listPhoneNumbers();
    expect(lines.map((l) => l.phoneNumber)).toEqual(expect.arrayContaining(Object.values(DEMO_LINES)));
    expect(lines[0]).toMatchObject({ id: expect.any(String), reputation: 'HEALTHY' });
  });
});

describe('contact cards: reading', () => {
  it('lists every card with whether it is active', async () => {
    const cards = await harness.linq.listContactCards();
    expect(cards).toEqual(
      expect.arrayContaining([
        { phoneNumber: DEMO_LINES.withActiveCard, firstName: 'Northwind', lastName: 'Coffee', imageUrl: null, isActive: true },
        expect.objectContaining({ phoneNumber: DEMO_LINES.withInactiveCard, isActive: false }),
      ]),
    );
  });

  it('reads one number’s card, and null for a number without one, whichever way Linq says "none"', async () => {
    await expect(harness.linq.getContactCard(DEMO_LINES.withActiveCard)).resolves.toMatchObject({ firstName: 'Northwind' });
    await expect(harness.linq.getContactCard(DEMO_LINES.withoutCard)).resolves.toBeNull();
    harness.sandbox.behaviour.missingCardLookup = 'not_found';
    try {
      await expect(harness.linq.getContactCard(DEMO_LINES.withoutCard)).resolves.toBeNull();
      expect(harness.requests('/v3/contact_card', 'GET').at(-1)?.status).toBe(404);
    } finally {
      harness.sandbox.behaviour.missingCardLookup = 'empty';
    }
  });

  it('refuses a number that is not E.164 with 400/1002', async () => {
    await expectLinqError(harness.linq.getContactCard('415-555-0100'), 400, 1002);
  });
});

describe('contact cards: creating', () => {
  it('creates a card, downloading and re-hosting its photo', async () => {
    const phone = await newLine(harness);
    const card = await harness.linq.createContactCard({ phoneNumber: phone, firstName: 'Acme', lastName: 'Support', imageUrl: `${harness.photos}/photo.png` });
    expect(card).toMatchObject({ phoneNumber: phone, firstName: 'Acme', lastName: 'Support', isActive: true });
    expect(card.imageUrl).toMatch(new RegExp(`^${harness.sandbox.origin}/cdn/contact-card/[a-f0-9]{64}$`));
    const rehosted = await fetch(card.imageUrl!);
    expect(rehosted.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await rehosted.arrayBuffer()).equals(TINY_PNG)).toBe(true);
  });

  it('answers a second POST with 409/2014, sent once (no SDK retry)', async () => {
    const phone = await newLine(harness, { card: { first_name: 'Existing' } });
    const before = harness.requests('/v3/contact_card', 'POST').length;
    await expectLinqError(harness.linq.createContactCard({ phoneNumber: phone, firstName: 'Again' }), 409, 2014);
    expect(harness.requests('/v3/contact_card', 'POST').length - before).toBe(1);
  });

  it.each([
    [{ firstName: '' }, 400, 1001],
    [{ phoneNumber: '4155550100' }, 400, 1002],
    [{ phoneNumber: '+19995550123' }, 403, 2006],
  ])('refuses %o with %i/%i', async (override, status, code) => {
    const phone = await newLine(harness);
    await expectLinqError(harness.linq.createContactCard({ phoneNumber: phone, firstName: 'Acme', ...override }), status, code);
  });

  it('refuses a photo URL that does not serve an image with 400/5007, and one that cannot be reached', async () => {
    const phone = await newLine(harness);
    await expectLinqError(harness.linq.createContactCard({ phoneNumber: phone, firstName: 'Acme', imageUrl: `${harness.photos}/not-an-image.jpg` }), 400, 5007);
    await expectLinqError(harness.linq.createContactCard({ phoneNumber: phone, firstName: 'Acme', imageUrl: `${harness.photos}/missing.png` }), 400, 5007);
    expect(await harness.linq.getContactCard(phone)).toBeNull();
  });

  it('refuses plain http photo URLs when HTTPS is required, as Linq documents', async () => {
    const phone = await newLine(harness);
    harness.sandbox.behaviour.requireHttpsImages = true;
    try {
      await expectLinqError(harness.linq.createContactCard({ phoneNumber: phone, firstName: 'Acme', imageUrl: `${harness.photos}/photo.png` }), 400, 1005);
    } finally {
      harness.sandbox.behaviour.requireHttpsImages = false;
    }
  });

  it('reports a failed setup as 500/2022, sent once; a retried POST then succeeds', async () => {
    const phone = await newLine(harness, { card_setup: 'fail' });
    const before = harness.requests('/v3/contact_card', 'POST').length;
    await expectLinqError(harness.linq.createContactCard({ phoneNumber: phone, firstName: 'Acme' }), 500, 2022);
    expect(harness.requests('/v3/contact_card', 'POST').length - before).toBe(1);
    harness.sandbox.store.state.lines.find((l) => l.phone_number === phone)!.card_setup = 'active';
    await expect(harness.linq.createContactCard({ phoneNumber: phone, firstName: 'Acme' })).resolves.toMatchObject({ isActive: true });
  });

  it('can store a card inactive, which later turns active by itself', async () => {
    const phone = await newLine(harness, { card_setup: 'inactive' });
    harness.sandbox.behaviour.activateAfterMs = 150;
    try {
      await expect(harness.linq.createContactCard({ phoneNumber: phone, firstName: 'Acme' })).resolves.toMatchObject({ isActive: false });
      await expect(harness.linq.getContactCard(phone)).resolves.toMatchObject({ isActive: false });
      await expect.poll(async () => (await harness.linq.getContactCard(phone))?.isActive, { timeout: 2_000 }).toBe(true);
    } finally {
      harness.sandbox.behaviour.activateAfterMs = null;
    }
  });
});

describe('contact cards: updating', () => {
  it('sends only the fields given and keeps the others', async () => {
    const phone = await newLine(harness, { card: { first_name: 'Acme', last_name: 'Support' } });
    const card = await harness.linq.updateContactCard(phone, { lastName: 'Help desk' });
    expect(card).toMatchObject({ firstName: 'Acme', lastName: 'Help desk', isActive: true });
    const patch = harness.requests('/v3/contact_card', 'PATCH').at(-1)!;
    expect(patch.query).toEqual({ phone_number: phone });
    expect(patch.body).toEqual({ last_name: 'Help desk' });
  });

  it('answers 404/2012 for a number without an active card', async () => {
    const phone = await newLine(harness);
    await expectLinqError(harness.linq.updateContactCard(phone, { firstName: 'X' }), 404, 2012);
    await expectLinqError(harness.linq.updateContactCard(DEMO_LINES.withInactiveCard, { firstName: 'X' }), 404, 2012);
  });

  it('re-hosts a new photo and fails with 500/2022 once when setup fails', async () => {
    const phone = await newLine(harness, { card: { first_name: 'Acme' } });
    const updated = await harness.linq.updateContactCard(phone, { imageUrl: `${harness.photos}/photo.png` });
    expect(updated.imageUrl).toContain('/cdn/contact-card/');
    harness.sandbox.store.state.lines.find((l) => l.phone_number === phone)!.card_setup = 'fail';
    const before = harness.requests('/v3/contact_card', 'PATCH').length;
    await expectLinqError(harness.linq.updateContactCard(phone, { firstName: 'B' }), 500, 2022);
    expect(harness.requests('/v3/contact_card', 'PATCH').length - before).toBe(1);
    await expect(harness.linq.getContactCard(phone)).resolves.toMatchObject({ firstName: 'Acme', isActive: true });
  });
});
