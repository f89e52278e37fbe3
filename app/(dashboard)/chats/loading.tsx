import { Skeleton } from '@/components/ui/skeleton';

export default function ChatsLoading() {
  return (
    <div aria-busy="true" aria-label="Loading chats" className="flex flex-col gap-4">
      <Skeleton className="h-8 w-32" />
      <Skeleton className="h-4 w-2/3" />
      <div className="flex gap-3">
        <Skeleton className="h-9 w-44" />
        <Skeleton className="h-9 w-72" />
        <Skeleton className="h-9 w-20" />
      </div>
      <Skeleton className="h-[28rem]" />
    </div>
  );
}
