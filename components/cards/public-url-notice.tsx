import { Info, TriangleAlert } from 'lucide-react';
import type { LinqTarget } from '@/lib/env';
import { publicUrlProblems } from '@/lib/photos/public-url';

/** Linq must be able to download uploaded photos from PUBLIC_BASE_URL: say so when it cannot. */
export function PublicUrlNotice({ publicBaseUrl, mode }: { publicBaseUrl: string; mode: LinqTarget['mode'] }) {
  const problems = publicUrlProblems(publicBaseUrl);
  if (problems.length === 0) return null;
  const why = problems.includes('private_host') ? 'is not reachable from the internet' : 'is not HTTPS';
  if (mode === 'sandbox') {
    return (
      <p className="flex gap-2 rounded-lg border bg-muted/50 p-3 text-sm text-muted-foreground">
        <Info className="mt-0.5 size-4 shrink-0" aria-hidden />
        <span>
          Uploaded photos are served from <code>{publicBaseUrl}</code>, which {why}. That is fine for the sandbox; with the real Linq API, set{' '}
          <code>PUBLIC_BASE_URL</code> to the console&apos;s public HTTPS address, or give photos as HTTPS addresses.
        </span>
      </p>
    );
  }
  return (
    <p role="status" className="flex gap-2 rounded-lg border border-warning/50 bg-warning/10 p-3 text-sm">
      <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
      <span>
        Linq downloads uploaded photos from <code>{publicBaseUrl}</code>, which {why}, so Linq cannot fetch them. An admin must set <code>PUBLIC_BASE_URL</code>{' '}
        to the console&apos;s public HTTPS address. Until then, give photos as public HTTPS addresses.
      </span>
    </p>
  );
}
