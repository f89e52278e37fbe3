import { Skeleton } from '@/components/ui/skeleton';

/**
 * A page's shape while it loads: its header, then optional filters, a grid of cards, and the
 * blocks below (by height class), so the layout does not jump when the content arrives.
 */
export function PageSkeleton({ label, filters = 0, cards = 0, blocks = [] }: { label: string; filters?: number; cards?: number; blocks?: string[] }) {
  return (
    <div aria-busy="true" aria-label={label} className="flex flex-col gap-5">
      <div className="flex flex-col gap-2">
        <Skeleton className="h-8 w-48" />
        <Skeleton className="h-4 w-2/3 max-w-xl" />
      </div>
      {filters > 0 && (
        <div className="flex flex-wrap gap-3">
          {Array.from({ length: filters }, (_, i) => (
            <Skeleton key={i} className="h-9 w-44" />
          ))}
        </div>
      )}
      {cards > 0 && (
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          {Array.from({ length: cards }, (_, i) => (
            <Skeleton key={i} className="h-24" />
          ))}
        </div>
      )}
      {blocks.map((height, i) => (
        <Skeleton key={i} className={height} />
      ))}
    </div>
  );
}
