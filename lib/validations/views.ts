import { z } from 'zod';
import { chatPageQuerySchema } from '@/lib/validations/chats';
import { hasControlCharacters, idSchema } from '@/lib/validations/safe-text';

export const VIEW_NAME_MAX = 60;
/** Views a person may keep (their own); shared ones count against whoever made them. */
export const MAX_VIEWS_PER_PERSON = 30;

export const saveViewSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Name the view, e.g. “Eligible on +1…0101, never shared”.')
    .max(VIEW_NAME_MAX, `Keep the name to ${VIEW_NAME_MAX} characters.`)
    .refine((value) => !hasControlCharacters(value), 'The name has characters that cannot be shown.'),
  // Whatever the address said, only the filters the Chats page understands are kept (viewQueryOf
  // writes them back in the page's own order).
  query: z
    .string()
    .max(1_000)
    .transform((value) => chatPageQuerySchema.parse(Object.fromEntries(new URLSearchParams(value)))),
  shared: z.preprocess((value) => value === true || value === 'on' || value === 'true', z.boolean()),
});

export type SaveViewField = 'name' | 'query' | 'shared';

export const viewIdSchema = idSchema();
