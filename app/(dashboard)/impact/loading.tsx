import { PageSkeleton } from '@/components/shell/page-skeleton';

export default function ImpactLoading() {
  return <PageSkeleton label="Loading impact" filters={3} blocks={['h-[28rem]']} />;
}
