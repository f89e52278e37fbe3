import { Skeleton } from '@/components/ui/skeleton';

export default function ContactCardsLoading() {
  return (
    <div aria-busy="true" aria-label="Loading contact cards" className="flex flex-col gap-6">
      <Skeleton className="h-8 w-48" />
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {Array.from({ length: 3 }, (_, i) => (
          <Skeleton key={i} className="h-24" />
        ))}
      </div>
    </div>
  );
}
