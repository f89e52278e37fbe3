import { MessageCircle } from 'lucide-react';
import Link from 'next/link';
import { Suspense, type ReactNode } from 'react';
import { LiveUpdates } from '@/components/live/live-updates';
import { LinqModeBadge } from '@/components/shell/linq-mode-badge';
import { SidebarNav } from '@/components/shell/sidebar-nav';
import { UserPanel } from '@/components/shell/user-panel';
import { ViewerZoneProvider } from '@/components/ui/date-time';
import { SavedViewsNav } from '@/components/views/saved-views-nav';
import { requireUser } from '@/lib/auth/guards';
import { getSettings } from '@/lib/env';
import { readViewerZone } from '@/lib/server/viewer-zone';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const { linq } = getSettings();
  const zone = await readViewerZone();

  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-card focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:shadow-lg focus:ring-2 focus:ring-ring"
      >
        Skip to main content
      </a>
      <aside className="flex flex-col gap-4 border-b bg-sidebar p-4 md:sticky md:top-0 md:h-screen md:w-60 md:shrink-0 md:border-r md:border-b-0">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <Link href="/" className="flex items-center gap-2 font-semibold">
            <MessageCircle className="size-5 text-primary" aria-hidden />
            <span className="whitespace-nowrap">Card Console</span>
          </Link>
          <LinqModeBadge mode={linq.mode} />
        </div>
        <SidebarNav role={user.role} />
        {/* (On phones the navigation is a bar at the top: the views are under the Chats page's filters.) */}
        <div className="hidden md:block">
          <Suspense>
            <SavedViewsNav />
          </Suspense>
        </div>
        <LiveUpdates />
        <div className="mt-auto hidden md:block">
          <UserPanel user={user} />
        </div>
      </aside>
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 p-4 outline-none md:p-8">
        <ViewerZoneProvider zone={zone}>{children}</ViewerZoneProvider>
      </main>
      <div className="p-4 md:hidden">
        <UserPanel user={user} />
      </div>
    </div>
  );
}
