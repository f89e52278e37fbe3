import { Skeleton } from '@/components/ui/skeleton';

export default function HistoryLoading() {
  return (
    <div aria-busy="true" aria-label="Loading history" className="flex flex-col gap-4">
      <Skeleton className="h-8 w-36" />
      <Skeleton className="h-9 w-80" />
      <div className="flex gap-3">
        <Skeleton className="h-9 w-40" />
        <Skeleton className="h-9 w-40" />
        <Skeleton className="h-9 w-48" />
      </div>
      <Skeleton className="h-[28rem]" />
    </div>
  );
}
