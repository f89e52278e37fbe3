import 'server-only';
import type { StaffUser } from '@/lib/auth/guards';
import { countMatching } from '@/lib/chats/index-counts';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import { can } from '@/lib/roles';
import { chatPageQuerySchema } from '@/lib/validations/chats';
import { MAX_VIEWS_PER_PERSON } from '@/lib/validations/views';

// Saved views of the Chats page: a person's own, and those shared with everyone. The callers
// (lib/data, lib/actions) have checked the session.

export interface SavedViewItem {
  id: string;
  name: string;
  /** The Chats page's query string. */
  query: string;
  shared: boolean;
  ownerName: string;
  /** Whether this person may delete it: their own, or any shared view for an admin. */
  canDelete: boolean;
  /** How many chats it shows now (the Chats page's own count). */
  count: number;
}

export class SavedViewError extends Error {}

/** The person's views and the shared ones, each with its count now (of the chats of the person's numbers). */
export async function readSavedViews(user: StaffUser): Promise<SavedViewItem[]> {
  const views = await db.savedView.findMany({
    where: { OR: [{ ownerId: user.id }, { shared: true }] },
    orderBy: [{ shared: 'asc' }, { name: 'asc' }, { id: 'asc' }],
    include: { owner: { select: { name: true } } },
  });
  const cooldownMs = getSettings().shareCooldownMs;
  const now = new Date();
  const counts = await Promise.all(
    views.map((view) => countMatching(chatPageQuerySchema.parse(Object.fromEntries(new URLSearchParams(view.query))), user.numbers, cooldownMs, now)),
  );
  return views.map((view, index) => ({
    id: view.id,
    name: view.name,
    query: view.query,
    shared: view.shared,
    ownerName: view.owner.name,
    canDelete: view.ownerId === user.id || (view.shared && can(user.role, 'manageSharedViews')),
    count: counts[index]!,
  }));
}

export async function saveView(user: StaffUser, input: { name: string; query: string; shared: boolean }): Promise<{ id: string }> {
  if (input.shared && !can(user.role, 'shareViews')) throw new SavedViewError('Your role can keep views for yourself; an operator or an admin can share one.');
  return db.$transaction(async (tx) => {
    // Serialised per person, so that two saves at once cannot both pass the limit.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`saved-views:${user.id}`}))`;
    if ((await tx.savedView.count({ where: { ownerId: user.id } })) >= MAX_VIEWS_PER_PERSON) {
      throw new SavedViewError(`You have ${MAX_VIEWS_PER_PERSON} views already: delete one you no longer use first.`);
    }
    if (await tx.savedView.findFirst({ where: { ownerId: user.id, name: input.name }, select: { id: true } })) {
      throw new SavedViewError(`You already have a view called “${input.name}”: choose another name.`);
    }
    return tx.savedView.create({ data: { ...input, ownerId: user.id }, select: { id: true } });
  });
}

export async function deleteView(user: StaffUser, id: string): Promise<void> {
  const view = await db.savedView.findUnique({ where: { id }, select: { ownerId: true, shared: true } });
  if (!view) throw new SavedViewError('That view no longer exists.');
  if (view.ownerId !== user.id && !(view.shared && can(user.role, 'manageSharedViews'))) {
    throw new SavedViewError('Only whoever made this view, or an admin, can delete it.');
  }
  await db.savedView.delete({ where: { id } });
}
