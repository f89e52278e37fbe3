import Link from 'next/link';
import { Button } from '@/components/ui/button';

export default function NotFound() {
  return (
    <main className="mx-auto flex max-w-lg flex-col items-center gap-4 py-24 text-center">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="text-sm text-muted-foreground">The address may be mistyped, or the item no longer exists.</p>
      <Button asChild variant="outline">
        <Link href="/">Back to the overview</Link>
      </Button>
    </main>
  );
}
