import { z } from 'zod';

export const PAGE_SIZES = [20, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 50;

/** all; eligible now (and still being checked); not eligible; shared within the cooldown. */
export const CHAT_FILTERS = ['all', 'eligible', 'ineligible', 'shared'] as const;
export type ChatFilter = (typeof CHAT_FILTERS)[number];

const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A participant search as Linq's `to` filter needs it: a full E.164 number or an email address.
 * Spaces, dashes, dots and brackets typed in a phone number are dropped.
 */
export function normaliseParticipant(raw: string): string | null {
  const value = raw.trim();
  if (value === '') return null;
  if (value.includes('@')) return EMAIL.test(value) ? value.toLowerCase() : null;
  const phone = value.replace(/[\s().-]/g, '');
  return E164.test(phone) ? phone : null;
}

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export const chatPageQuerySchema = z.object({
  from: z.preprocess(first, z.string().regex(E164).optional().catch(undefined)),
  to: z.preprocess(first, z.string().max(320).optional().catch(undefined)),
  limit: z.preprocess(first, z.coerce.number().pipe(z.union(PAGE_SIZES.map((size) => z.literal(size)))).catch(DEFAULT_PAGE_SIZE)),
  cursor: z.preprocess(first, z.string().max(200).optional().catch(undefined)),
  show: z.preprocess(first, z.enum(CHAT_FILTERS).catch('all')),
});

export type ChatPageQuery = z.infer<typeof chatPageQuerySchema>;

export function parseChatPageQuery(searchParams: Record<string, string | string[] | undefined>): ChatPageQuery {
  return chatPageQuerySchema.parse(searchParams);
}

/** The URL of a chats view, keeping only the settings that differ from the defaults. */
export function chatPageHref(query: Partial<ChatPageQuery>): string {
  const params = new URLSearchParams();
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (query.limit && query.limit !== DEFAULT_PAGE_SIZE) params.set('limit', String(query.limit));
  if (query.show && query.show !== 'all') params.set('show', query.show);
  if (query.cursor) params.set('cursor', query.cursor);
  const search = params.toString();
  return search ? `/chats?${search}` : '/chats';
}
