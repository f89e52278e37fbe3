'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Users, X } from 'lucide-react';
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { useTransition } from 'react';
import { toast } from 'sonner';
import { savedViewsQuery } from '@/components/views/view-queries';
import { deleteViewAction } from '@/lib/actions/views';
import { formatCount } from '@/lib/format';
import { cn } from '@/lib/utils';

/**
 * The saved views under Chats in the navigation, each with how many chats it shows now: the
 * person's own first, then those shared with everyone.
 */
export function SavedViewsNav() {
  const { data } = useQuery(savedViewsQuery);
  const queryClient = useQueryClient();
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const [pending, startTransition] = useTransition();
  if (!data || data.views.length === 0) return null;

  const remove = (id: string) =>
    startTransition(async () => {
      const result = await deleteViewAction(id);
      if (!result.ok) return void toast.error(result.error);
      toast.success(result.message);
      await queryClient.invalidateQueries({ queryKey: savedViewsQuery.queryKey });
    });

  return (
    <nav aria-label="Saved views" className="flex flex-col gap-0.5">
      <p className="px-3 text-xs font-medium text-muted-foreground">Saved views</p>
      <ul className="flex flex-col gap-0.5">
        {data.views.map((view) => {
          const current = pathname === '/chats' && search === view.query;
          return (
            <li key={view.id} className="group flex items-center gap-1">
              <Link
                href={`/chats?${view.query}`}
                aria-current={current ? 'page' : undefined}
                title={view.shared ? `${view.name}, shared by ${view.ownerName}` : view.name}
                className={cn(
                  'flex min-w-0 flex-1 items-center gap-2 rounded-md px-3 py-1.5 text-sm text-muted-foreground hover:bg-muted hover:text-foreground',
                  current && 'bg-card text-foreground shadow-sm ring-1 ring-border',
                )}
              >
                {view.shared && <Users className="size-3.5 shrink-0" aria-label="Shared with everyone" />}
                <span className="truncate">{view.name}</span>
                <span className="ml-auto rounded-full bg-muted px-1.5 text-xs tabular-nums text-foreground">{formatCount(view.count)}</span>
              </Link>
              {view.canDelete && (
                <button
                  type="button"
                  disabled={pending}
                  onClick={() => remove(view.id)}
                  className="rounded p-1 text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
                  aria-label={`Delete the view ${view.name}`}
                >
                  <X className="size-3.5" aria-hidden />
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
