import { z } from 'zod';
import type { Permission } from '@/lib/roles';
import { isTimeZone } from '@/lib/time-zone';
import { firstValue, phoneNumberQuery } from '@/lib/validations/route-params';
import { hasControlCharacters } from '@/lib/validations/safe-text';

export const HISTORY_TABS = ['shares', 'runs', 'cards', 'staff', 'settings', 'alerts'] as const;
export type HistoryTab = (typeof HISTORY_TABS)[number];
/** Tabs only some roles may read (and export): the others are for every staff member. */
export const HISTORY_TAB_PERMISSION = { staff: 'manageStaff', settings: 'manageSettings', alerts: 'manageSettings' } as const satisfies Partial<
  Record<HistoryTab, Permission>
>;
export const SHARE_OUTCOMES = ['SUCCEEDED', 'FAILED', 'UNKNOWN', 'REFUSED', 'PENDING'] as const;
export const SHARE_SOURCES = ['MANUAL', 'BULK', 'SCHEDULED', 'AUTOMATIC'] as const;
export const HISTORY_PAGE_SIZE = 50;

// A real calendar day: Date.parse would roll 2026-02-31 over to March.
const isDay = (value: string) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const day = z.preprocess(
  firstValue,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine(isDay)
    .optional()
    .catch(undefined),
);
const text = (max: number) =>
  z.preprocess(
    firstValue,
    z
      .string()
      .trim()
      .min(1)
      .max(max)
      .refine((value) => !hasControlCharacters(value))
      .optional()
      .catch(undefined),
  );

export const historyFiltersSchema = z.object({
  tab: z.preprocess(firstValue, z.enum(HISTORY_TABS).catch('shares')),
  /** First day included (YYYY-MM-DD), in `tz`. */
  from: day,
  /** Last day included, in `tz`. */
  to: day,
  /** The IANA zone the days are read in: the viewer's, sent by the filter form. UTC when absent. */
  tz: z.preprocess(firstValue, z.string().max(64).refine(isTimeZone).optional().catch(undefined)),
  number: phoneNumberQuery,
  actor: text(64),
  outcome: z.preprocess(firstValue, z.enum(SHARE_OUTCOMES).optional().catch(undefined)),
  /** How the shares were made: by a click, a bulk run, the daily re-share, or automatically. */
  source: z.preprocess(firstValue, z.enum(SHARE_SOURCES).optional().catch(undefined)),
  /** A participant's phone number or email, or a chat id. */
  q: text(320),
  /** The shares of one bulk or scheduled run. */
  run: text(100),
  /**
   * '1': each chat's latest attempt only (a failure later retried is left out), as every figure
   * counts chats; with `run`, each chat's last attempt in that run, as its report counts them.
   */
  latest: z.preprocess(firstValue, z.literal('1').optional().catch(undefined)),
  cursor: text(300),
});

export type HistoryFilters = z.infer<typeof historyFiltersSchema>;

export function parseHistoryFilters(searchParams: Record<string, string | string[] | undefined>): HistoryFilters {
  return historyFiltersSchema.parse(searchParams);
}
