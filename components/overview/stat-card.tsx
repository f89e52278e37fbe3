import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { cn } from '@/lib/utils';

/** A count that opens the list behind it. */
export function StatCard({ label, value, href, tone }: { label: string; value: number | string; href: string; tone?: 'success' | 'danger' }) {
  return (
    <Link href={href} className="group rounded-xl focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
      <Card className="flex h-full flex-col gap-1 p-4 transition-colors group-hover:bg-muted/40">
        <span className="text-sm text-muted-foreground">{label}</span>
        <span className={cn('text-3xl font-semibold tabular-nums', tone === 'success' && 'text-success', tone === 'danger' && 'text-destructive')}>
          {value}
        </span>
      </Card>
    </Link>
  );
}
