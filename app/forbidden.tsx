import { ShieldX } from 'lucide-react';
import Link from 'next/link';
import { Button } from '@/components/ui/button';

export default function Forbidden() {
  return (
    <main className="mx-auto flex max-w-lg flex-col items-center gap-4 py-24 text-center">
      <ShieldX className="size-10 text-destructive" aria-hidden />
      <h1 className="text-xl font-semibold">You do not have access to this page</h1>
      <p className="text-sm text-muted-foreground">Your role does not allow it. Ask an admin if you need access.</p>
      <Button asChild variant="outline">
        <Link href="/">Back to the overview</Link>
      </Button>
    </main>
  );
}
