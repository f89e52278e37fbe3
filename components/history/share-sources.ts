import type { SHARE_SOURCES } from '@/lib/validations/history';

/** How a share was made, as History names it. */
export const SOURCE_LABELS: Record<(typeof SHARE_SOURCES)[number], string> = {
  MANUAL: 'Manual',
  BULK: 'Bulk',
  SCHEDULED: 'Scheduled',
  AUTOMATIC: 'Automatic',
};
