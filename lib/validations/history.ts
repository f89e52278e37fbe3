import { z } from 'zod';

export const HISTORY_TABS = ['shares', 'runs', 'cards', 'staff', 'settings'] as const;
export type HistoryTab = (typeof HISTORY_TABS)[number];
export const SHARE_OUTCOMES = ['SUCCEEDED', 'FAILED', 'UNKNOWN', 'REFUSED', 'PENDING'] as const;
export const HISTORY_PAGE_SIZE = 50;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
// A real calendar day: Date.parse would roll 2026-02-31 over to March.
const isDay = (value: string) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const day = z.preprocess(first, z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isDay).optional().catch(undefined));
const text = (max: number) => z.preprocess(first, z.string().trim().min(1).max(max).optional().catch(undefined));

export const historyFiltersSchema = z.object({
  tab: z.preprocess(first, z.enum(HISTORY_TABS).catch('shares')),
  /** First day included, UTC (YYYY-MM-DD). */
  from: day,
  /** Last day included, UTC. */
  to: day,
  number: z.preprocess(first, z.string().regex(/^\+[1-9]\d{6,14}$/).optional().catch(undefined)),
  actor: text(64),
  outcome: z.preprocess(first, z.enum(SHARE_OUTCOMES).optional().catch(undefined)),
  /** A participant's phone number or email, or a chat id. */
  q: text(320),
  /** The shares of one bulk or scheduled run. */
  run: text(100),
  cursor: text(300),
});

export type HistoryFilters = z.infer<typeof historyFiltersSchema>;

export function parseHistoryFilters(searchParams: Record<string, string | string[] | undefined>): HistoryFilters {
  return historyFiltersSchema.parse(searchParams);
}

/** The filters as URL parameters (for links, the CSV export and the next page). */
export function historySearchParams(filters: Partial<HistoryFilters>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['tab', 'from', 'to', 'number', 'actor', 'outcome', 'q', 'run', 'cursor'] as const) {
    const value = filters[key];
    if (value && !(key === 'tab' && value === 'shares')) params.set(key, value);
  }
  return params;
}

export function historyHref(filters: Partial<HistoryFilters>): string {
  const search = historySearchParams(filters).toString();
  return search ? `/history?${search}` : '/history';
}

/** UTC bounds of the chosen days: [from 00:00, the day after `to` 00:00). */
export function dayRange(filters: Pick<HistoryFilters, 'from' | 'to'>): { since?: Date; until?: Date } {
  return {
    since: filters.from ? new Date(`${filters.from}T00:00:00Z`) : undefined,
    until: filters.to ? new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000) : undefined,
  };
}
