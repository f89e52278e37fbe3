import type { SandboxBehaviour } from '@/lib/sandbox/behaviour';
import { isE164, LinqApiError, requireObject, sendJson } from '@/lib/sandbox/http';
import { downloadImage } from '@/lib/sandbox/images';
import type { Route, RouteContext } from '@/lib/sandbox/router';
import { cardJson } from '@/lib/sandbox/serialize';
import type { SandboxCard } from '@/lib/sandbox/types';

const notFound = () => new LinqApiError(404, 2012, 'Contact card not found');

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new LinqApiError(400, 1005, `${field} must be a string`);
  return value;
}

/** Downloads and re-hosts the photo, as Linq does, returning the new CDN address. */
async function rehost(context: RouteContext, imageUrl: string): Promise<{ image_url: string; source_image_url: string }> {
  const image = await downloadImage(imageUrl, { requireHttps: context.behaviour.requireHttpsImages });
  context.store.storeImage(image.hash, image.bytes, image.contentType);
  return { image_url: `${context.origin}/cdn/contact-card/${image.hash}`, source_image_url: imageUrl };
}

interface Setup {
  outcome: SandboxBehaviour['cardSetup'];
  activateAfterMs: number | null;
}

/** How applying a card to this line's device turns out: the line's overrides, else the sandbox's. */
function setupFor(context: RouteContext, phone: string): Setup {
  const line = context.store.state.lines.find((l) => l.phone_number === phone);
  return {
    outcome: line?.card_setup ?? context.behaviour.cardSetup,
    activateAfterMs: line?.activate_after_ms ?? context.behaviour.activateAfterMs,
  };
}

/** Applies the card to the "device": the configured outcome of a create or update. */
function applySetup(card: SandboxCard, setup: Setup): SandboxCard {
  if (setup.outcome === 'active') return { ...card, is_active: true, activate_at: undefined };
  const activateAt = setup.activateAfterMs === null ? undefined : Date.now() + setup.activateAfterMs;
  return { ...card, is_active: false, activate_at: activateAt };
}

function list({ res, query, store, behaviour }: RouteContext) {
  const phone = query.get('phone_number');
  if (phone === null) return sendJson(res, 200, { contact_cards: store.cards().map(cardJson) });
  if (!isE164(phone)) throw new LinqApiError(400, 1002, 'Phone number must be in E.164 format');
  const card = store.card(phone);
  if (!card && behaviour.missingCardLookup === 'not_found') throw notFound();
  sendJson(res, 200, { contact_cards: card ? [cardJson(card)] : [] });
}

async function create(context: RouteContext) {
  const { res, store, behaviour } = context;
  const body = requireObject(context.body);
  const phone = body.phone_number;
  if (phone === undefined || phone === null || phone === '') throw new LinqApiError(400, 1001, 'phone_number is required');
  if (!isE164(phone)) throw new LinqApiError(400, 1002, 'Phone number must be in E.164 format');
  const firstName = optionalString(body, 'first_name');
  if (!firstName?.trim()) throw new LinqApiError(400, 1001, 'first_name is required');
  if (!store.isLine(phone)) throw new LinqApiError(403, 2006, 'Phone number permission denied');
  const existing = store.card(phone);
  if (existing && (existing.is_active || behaviour.postOverInactiveCard === 'conflict')) {
    throw new LinqApiError(409, 2014, 'A contact card already exists for this phone number');
  }
  const lastName = optionalString(body, 'last_name');
  const imageUrl = optionalString(body, 'image_url');
  const photo = imageUrl ? await rehost(context, imageUrl) : {};
  // Linq stores the card inactive first, then applies it to the line's device.
  const stored: SandboxCard = {
    phone_number: phone,
    first_name: firstName,
    ...(lastName !== undefined && { last_name: lastName }),
    ...photo,
    is_active: false,
  };
  const setup = setupFor(context, phone);
  if (setup.outcome === 'fail') {
    store.setCard(stored);
    throw new LinqApiError(500, 2022, 'Contact card setup failed');
  }
  const card = applySetup(stored, setup);
  store.setCard(card);
  sendJson(res, 200, cardJson(card));
}

async function update(context: RouteContext) {
  const { res, query, store } = context;
  const phone = query.get('phone_number');
  if (!phone) throw new LinqApiError(400, 1001, 'phone_number is required');
  if (!isE164(phone)) throw new LinqApiError(400, 1002, 'Phone number must be in E.164 format');
  const existing = store.card(phone);
  if (!existing || !existing.is_active) throw notFound();
  const body = requireObject(context.body ?? {});
  const firstName = optionalString(body, 'first_name');
  if (firstName !== undefined && !firstName.trim()) throw new LinqApiError(400, 1005, 'first_name cannot be empty');
  const lastName = optionalString(body, 'last_name');
  const imageUrl = optionalString(body, 'image_url');
  // Only a new image_url is downloaded again; omitted fields keep their stored values.
  const photo = imageUrl ? await rehost(context, imageUrl) : {};
  const merged: SandboxCard = {
    ...existing,
    ...(firstName !== undefined && { first_name: firstName }),
    ...(lastName !== undefined && { last_name: lastName }),
    ...photo,
  };
  const setup = setupFor(context, phone);
  if (setup.outcome === 'fail') throw new LinqApiError(500, 2022, 'Contact card setup failed');
  const card = applySetup(merged, setup);
  store.setCard(card);
  sendJson(res, 200, cardJson(card));
}

export const contactCardRoutes: Route[] = [
  { method: 'GET', pattern: /^\/v3\/contact_card$/, handler: list },
  { method: 'POST', pattern: /^\/v3\/contact_card$/, handler: create },
  { method: 'PATCH', pattern: /^\/v3\/contact_card$/, handler: update },
];
