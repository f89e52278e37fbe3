import { PageSkeleton } from '@/components/shell/page-skeleton';

export default function SettingsLoading() {
  return <PageSkeleton label="Loading settings" blocks={['h-48', 'h-56']} />;
}
