'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { Toaster } from 'sonner';
import { rememberBrowserZone } from '@/components/ui/date-time';

export function makeQueryClient(): QueryClient {
  // 30 s: data rendered on the server is not refetched the moment the page hydrates.
  return new QueryClient({ defaultOptions: { queries: { staleTime: 30_000 } } });
}

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab, created once (useState), never shared between requests.
  const [queryClient] = useState(makeQueryClient);
  useEffect(() => void rememberBrowserZone(), []);
  return (
    <QueryClientProvider client={queryClient}>
      {children}
      {/* Bottom left, over the sidebar on wide screens (globals.css narrows them to it), so that
          toasts never cover the Share buttons at the right end of the table's rows. */}
      <Toaster theme="system" richColors closeButton position="bottom-left" offset={8} />
    </QueryClientProvider>
  );
}
