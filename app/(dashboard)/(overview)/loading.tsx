import { PageSkeleton } from '@/components/shell/page-skeleton';

export default function OverviewLoading() {
  return <PageSkeleton label="Loading the overview" cards={4} blocks={['h-80']} />;
}
