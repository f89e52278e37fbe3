import { Skeleton } from '@/components/ui/skeleton';

export default function StaffLoading() {
  return (
    <div aria-busy="true" aria-label="Loading staff" className="flex flex-col gap-6">
      <Skeleton className="h-8 w-32" />
      <Skeleton className="h-48" />
      <Skeleton className="h-56" />
    </div>
  );
}
