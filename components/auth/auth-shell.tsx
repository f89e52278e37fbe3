import { MessageCircle } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '@/lib/utils';

/** The pages outside the console's navigation (sign-in, second factor setup): the name, then the content, centred. */
export function AuthShell({ wide = false, children }: { wide?: boolean; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className={cn('flex w-full flex-col gap-6', wide ? 'max-w-lg' : 'max-w-sm')}>
        <div className="flex items-center justify-center gap-2 text-lg font-semibold">
          <MessageCircle className="size-6 text-primary" aria-hidden />
          Contact Card Console
        </div>
        {children}
      </div>
    </main>
  );
}
