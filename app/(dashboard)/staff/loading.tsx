import { PageSkeleton } from '@/components/shell/page-skeleton';

export default function StaffLoading() {
  return <PageSkeleton label="Loading staff" blocks={['h-48', 'h-56']} />;
}
