import { PageSkeleton } from '@/components/shell/page-skeleton';

export default function ContactCardsLoading() {
  return <PageSkeleton label="Loading contact cards" cards={3} />;
}
