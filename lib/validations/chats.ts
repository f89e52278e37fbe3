import { z } from 'zod';
import { E164 } from '@/lib/search-terms';
import { hasControlCharacters, idSchema } from '@/lib/validations/safe-text';

export const PAGE_SIZES = [20, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 50;

/** Eligibility as the filter offers it: eligible now, still being checked, or blocked by some rule. */
export const CHAT_STATES = ['all', 'eligible', 'checking', 'ineligible'] as const;
export type ChatState = (typeof CHAT_STATES)[number];

/** The rules (and blocking warnings) that can keep a chat from receiving the card. */
export const BLOCK_REASONS = ['not_imessage', 'no_outbound', 'no_card', 'cooldown', 'opted_out', 'left'] as const;
export type BlockReason = (typeof BLOCK_REASONS)[number];

/** never shared; shared within the cooldown; shared before it. */
export const SHARED_FILTERS = ['any', 'never', 'recent', 'earlier'] as const;

export const SERVICE_FILTERS = ['any', 'iMessage', 'SMS', 'RCS', 'unknown'] as const;

export const HEALTH_FILTERS = ['any', 'HEALTHY', 'AT_RISK', 'CRITICAL', 'OPTED_OUT'] as const;

export const GROUP_FILTERS = ['any', 'direct', 'group'] as const;

export const CHAT_SORTS = ['activity', 'shared'] as const;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const oneOf = <T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) => z.preprocess(first, z.enum(values).catch(fallback));

export const chatPageQuerySchema = z.object({
  from: z.preprocess(first, z.string().regex(E164).optional().catch(undefined)),
  q: z.preprocess(
    first,
    z
      .string()
      .max(200)
      .refine((value) => !hasControlCharacters(value))
      .optional()
      .catch(undefined),
  ),
  show: oneOf(CHAT_STATES, 'all'),
  reason: z.preprocess(first, z.enum(BLOCK_REASONS).optional().catch(undefined)),
  shared: oneOf(SHARED_FILTERS, 'any'),
  service: oneOf(SERVICE_FILTERS, 'any'),
  health: oneOf(HEALTH_FILTERS, 'any'),
  group: oneOf(GROUP_FILTERS, 'any'),
  sort: oneOf(CHAT_SORTS, 'activity'),
  limit: z.preprocess(
    first,
    z.coerce
      .number()
      .pipe(z.union(PAGE_SIZES.map((size) => z.literal(size))))
      .catch(DEFAULT_PAGE_SIZE),
  ),
  cursor: z.preprocess(first, z.string().max(300).optional().catch(undefined)),
});

export type ChatPageQuery = z.infer<typeof chatPageQuerySchema>;

/**
 * A filter as a bulk share receives it: the same fields, but nothing falls back to a default. A
 * value that is not one of the page's own (a search too long, a state that does not exist) refuses
 * the selection instead of silently widening it to more chats than were shown.
 */
export const chatFilterSchema = z
  .object({
    from: z.string().regex(E164).optional(),
    q: z
      .string()
      .max(200)
      .refine((value) => !hasControlCharacters(value))
      .optional(),
    show: z.enum(CHAT_STATES).optional(),
    reason: z.enum(BLOCK_REASONS).optional(),
    shared: z.enum(SHARED_FILTERS).optional(),
    service: z.enum(SERVICE_FILTERS).optional(),
    health: z.enum(HEALTH_FILTERS).optional(),
    group: z.enum(GROUP_FILTERS).optional(),
  })
  .strict();

export const BAD_CURSOR = 'That page link is not one of the console’s: start again from the first page.';

export function parseChatPageQuery(searchParams: Record<string, string | string[] | undefined>): ChatPageQuery {
  return chatPageQuerySchema.parse(searchParams);
}

/** Most rows a page asks for by id at once (rows on screen that left their view). */
export const MAX_KEPT_ROWS = 40;

/** `?ids=a,b,c`: the chats a page still shows that a refresh of its view no longer matches. */
export const chatIdListSchema = z
  .string()
  .transform((value) => value.split(',').filter(Boolean))
  .pipe(z.array(idSchema()).min(1).max(MAX_KEPT_ROWS));
