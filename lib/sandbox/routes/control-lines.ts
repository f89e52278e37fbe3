import { randomUUID } from 'node:crypto';
import { isE164, LinqApiError, requireObject, sendJson } from '@/lib/sandbox/http';
import type { Route, RouteContext } from '@/lib/sandbox/router';

// /__sandbox/lines: lines added (as Linq provisions one) and changed (a status Linq announces).

type LineSettings = { card_setup?: 'active' | 'inactive' | 'fail'; activate_after_ms?: number; status?: 'ACTIVE' | 'FLAGGED' };

function lineSettings(input: Record<string, unknown>): LineSettings {
  const setup = input.card_setup;
  if (setup !== undefined && !['active', 'inactive', 'fail'].includes(String(setup))) throw new LinqApiError(400, 1005, 'Invalid card_setup');
  const after = input.activate_after_ms;
  if (after !== undefined && typeof after !== 'number') throw new LinqApiError(400, 1005, 'activate_after_ms must be a number');
  const status = input.status;
  if (status !== undefined && status !== 'ACTIVE' && status !== 'FLAGGED') throw new LinqApiError(400, 1005, 'status must be ACTIVE or FLAGGED');
  return {
    ...(setup !== undefined && { card_setup: setup as LineSettings['card_setup'] }),
    ...(after !== undefined && { activate_after_ms: after }),
    ...(status !== undefined && { status }),
  };
}

/**
 * Adds a line to the account (as Linq provisions one), with a fresh number unless one is given,
 * optionally with a card and its own setup outcome.
 */
function addLine({ res, body, store }: RouteContext) {
  const input = requireObject(body ?? {});
  let phone = input.phone_number;
  if (phone === undefined) {
    let next = 12025550000 + store.state.lines.length;
    while (store.isLine(`+${next}`)) next += 1;
    phone = `+${next}`;
  }
  if (!isE164(phone)) throw new LinqApiError(400, 1002, 'Phone number must be in E.164 format');
  if (store.isLine(phone)) throw new LinqApiError(409, 2015, 'Line already exists');
  store.state.lines.push({ id: randomUUID(), phone_number: phone, reputation: 'HEALTHY', ...lineSettings(input) });
  const card = input.card as { first_name?: string; last_name?: string; is_active?: boolean } | undefined;
  if (card?.first_name) {
    store.setCard({
      phone_number: phone,
      first_name: card.first_name,
      ...(card.last_name && { last_name: card.last_name }),
      is_active: card.is_active ?? true,
    });
  }
  store.save();
  sendJson(res, 201, { phone_number: phone });
}

/**
 * Changes a line's sandbox settings; a new status is announced as phone_number.status_updated.
 * `apply_card: true` applies the card Linq holds inactive now, as Linq does when it finishes setting
 * it up (a test decides the moment instead of racing a timer).
 */
function updateLine({ res, params, body, store, webhooks }: RouteContext) {
  const line = store.state.lines.find((l) => l.phone_number === params[0]);
  if (!line) throw new LinqApiError(404, 2019, 'Phone number not found');
  const input = requireObject(body);
  const settings = lineSettings(input);
  const previous = line.status ?? 'ACTIVE';
  Object.assign(line, settings);
  if (input.apply_card === true) {
    const card = store.card(line.phone_number);
    if (!card) throw new LinqApiError(404, 2012, 'No contact card to apply');
    store.setCard({ ...card, is_active: true, activate_at: undefined });
  }
  store.save();
  if (settings.status && settings.status !== previous) {
    webhooks.emit(
      'phone_number.status_updated',
      {
        phone_number: line.phone_number,
        old_status: previous,
        new_status: settings.status,
        changed_at: new Date().toISOString(),
        new_reputation: line.reputation,
        new_health_status: line.reputation,
      },
      line.phone_number,
    );
  }
  sendJson(res, 200, { phone_number: line.phone_number, card_setup: line.card_setup, activate_after_ms: line.activate_after_ms });
}

export const lineRoutes: Route[] = [
  { method: 'POST', pattern: /^\/__sandbox\/lines$/, handler: addLine },
  { method: 'PATCH', pattern: /^\/__sandbox\/lines\/([^/]+)$/, handler: updateLine },
];
