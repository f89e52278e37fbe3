'use client';

import { useNow } from '@/components/hooks/use-now';
import { formatDateTime, formatRelative } from '@/lib/format';

/** "5 min ago" once in the browser (the full time on hover); the full time before that. */
export function RelativeTime({ value }: { value: string | Date }) {
  const now = useNow();
  const iso = new Date(value).toISOString();
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {now ? formatRelative(iso, now) : formatDateTime(iso)}
    </time>
  );
}
