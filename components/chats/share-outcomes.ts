import type { BadgeTone } from '@/components/ui/badge';

/** How a share attempt's outcome is shown, in the chat drawer and in History. */
export const SHARE_OUTCOMES: Record<'PENDING' | 'SUCCEEDED' | 'FAILED' | 'REFUSED' | 'UNKNOWN', { label: string; tone: BadgeTone }> = {
  SUCCEEDED: { label: 'Shared', tone: 'success' },
  FAILED: { label: 'Failed', tone: 'danger' },
  REFUSED: { label: 'Refused', tone: 'warning' },
  UNKNOWN: { label: 'Unknown outcome', tone: 'warning' },
  PENDING: { label: 'Interrupted', tone: 'neutral' },
};
