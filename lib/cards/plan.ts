import type { ContactCardInput, ContactCardPatch, LinqContactCard } from '@/lib/linq/types';

export interface DesiredCard {
  phoneNumber: string;
  firstName: string;
  /** '' for none. */
  lastName: string;
  /** A new photo address; undefined keeps the current photo. */
  imageUrl?: string;
}

/** Linq's names for the fields, as recorded in CardRevision.sentFields. */
export type SentField = 'first_name' | 'last_name' | 'image_url';

export type CardSavePlan =
  | { kind: 'nothing' }
  | { kind: 'create'; input: ContactCardInput; sentFields: SentField[] }
  | { kind: 'update'; patch: ContactCardPatch; sentFields: SentField[] };

/**
 * Pure: what to send Linq to turn `current` into `desired`. A number without an active card is
 * set up with POST (Linq's PATCH requires an active card); otherwise PATCH carries only the
 * fields that change, so Linq keeps the rest (and does not download the photo again).
 */
export function planCardSave(current: LinqContactCard | null, desired: DesiredCard): CardSavePlan {
  if (!current || !current.isActive) {
    // A card that never became active is set up again; it keeps its photo unless given a new one.
    const imageUrl = desired.imageUrl ?? current?.imageUrl ?? undefined;
    const input: ContactCardInput = {
      phoneNumber: desired.phoneNumber,
      firstName: desired.firstName,
      ...(desired.lastName && { lastName: desired.lastName }),
      ...(imageUrl && { imageUrl }),
    };
    const sentFields: SentField[] = ['first_name'];
    if (input.lastName) sentFields.push('last_name');
    if (input.imageUrl) sentFields.push('image_url');
    return { kind: 'create', input, sentFields };
  }

  const patch: ContactCardPatch = {};
  const sentFields: SentField[] = [];
  if (desired.firstName !== current.firstName) {
    patch.firstName = desired.firstName;
    sentFields.push('first_name');
  }
  if (desired.lastName !== (current.lastName ?? '')) {
    patch.lastName = desired.lastName; // '' clears it
    sentFields.push('last_name');
  }
  if (desired.imageUrl !== undefined) {
    patch.imageUrl = desired.imageUrl;
    sentFields.push('image_url');
  }
  return sentFields.length === 0 ? { kind: 'nothing' } : { kind: 'update', patch, sentFields };
}

/**
 * When a POST meets a card someone else created meanwhile (2014), the same card is sent as a
 * PATCH: every field, the last name included, so the result is what the staff member asked for.
 */
export function fallbackUpdate(input: ContactCardInput): { patch: ContactCardPatch; sentFields: SentField[] } {
  const patch: ContactCardPatch = { firstName: input.firstName, lastName: input.lastName ?? '' };
  if (input.imageUrl) patch.imageUrl = input.imageUrl;
  return { patch, sentFields: input.imageUrl ? ['first_name', 'last_name', 'image_url'] : ['first_name', 'last_name'] };
}
