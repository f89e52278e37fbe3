import { z } from 'zod';
import { chatPageQuerySchema } from '@/lib/validations/chats';

/** The chats a bulk share covers: every chat matching a Chats page filter, or chats picked one by one. */
export const runSelectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('filter'), query: chatPageQuerySchema.omit({ cursor: true, sort: true, limit: true }) }),
  z.object({ kind: z.literal('chats'), chatIds: z.array(z.string().min(1).max(100)).min(1).max(500) }),
]);

export type RunSelection = z.infer<typeof runSelectionSchema>;
