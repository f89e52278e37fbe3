import { PageSkeleton } from '@/components/shell/page-skeleton';

export default function HistoryLoading() {
  return <PageSkeleton label="Loading history" filters={5} blocks={['h-[28rem]']} />;
}
