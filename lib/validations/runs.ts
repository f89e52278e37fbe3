import { z } from 'zod';
import { chatFilterSchema } from '@/lib/validations/chats';
import { idSchema } from '@/lib/validations/safe-text';

/**
 * The chats a bulk share covers: every chat matching a Chats page filter, or chats picked one by
 * one. Parsed strictly: anything not exactly one of these is refused, never read as "everything".
 */
/** The most chats a person can pick one by one for a run (beyond, "all matching the filter"). */
export const MAX_PICKED_CHATS = 500;

export const runSelectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('filter'), query: chatFilterSchema }).strict(),
  z.object({ kind: z.literal('chats'), chatIds: z.array(idSchema()).min(1).max(MAX_PICKED_CHATS) }).strict(),
]);

export type RunSelection = z.infer<typeof runSelectionSchema>;
