import { PageSkeleton } from '@/components/shell/page-skeleton';

export default function ChatsLoading() {
  return <PageSkeleton label="Loading chats" filters={3} blocks={['h-[28rem]']} />;
}
