'use client';

import { AlertTriangle } from 'lucide-react';
import { Button } from '@/components/ui/button';

/** What any page shows when it fails on the server: a way to retry, and a reference for engineers. */
export function ErrorState({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center gap-4 py-16 text-center">
      <AlertTriangle className="size-10 text-destructive" aria-hidden />
      <h1 className="text-xl font-semibold">This page could not be loaded</h1>
      <p className="text-sm text-muted-foreground">
        Something went wrong on the server. Try again; if it keeps happening, give an engineer this reference: <code>{error.digest ?? 'none'}</code>.
      </p>
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
