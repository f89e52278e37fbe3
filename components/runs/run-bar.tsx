import { formatCount } from '@/lib/format';
import { cn } from '@/lib/utils';

/** A run's bar: done of total, with its values for assistive technology. */
export function RunBar({ label, done, total, className }: { label: string; done: number; total: number; className?: string }) {
  const percent = percentDone(done, total);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={done}
      aria-valuetext={`${formatCount(done)} of ${formatCount(total)} chats done`}
      className={cn('h-3 w-full overflow-hidden rounded-full bg-muted', className)}
    >
      <div className="h-full rounded-full bg-primary transition-[width] duration-500" style={{ width: `${percent}%` }} />
    </div>
  );
}

export function percentDone(done: number, total: number): number {
  return total === 0 ? 100 : Math.floor((done / total) * 100);
}
