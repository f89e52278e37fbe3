'use client';

import { Download } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';

/**
 * Recovery codes, shown once: listed for copying by hand, and as a text file to keep. "Done" reads
 * the page again (the second factor's state beside it), which is when the codes disappear.
 */
export function RecoveryCodes({ codes, email, done = true }: { codes: string[]; email: string; done?: boolean }) {
  const router = useRouter();
  const file = `Contact Card Console recovery codes for ${email}\nEach works once.\n\n${codes.join('\n')}\n`;
  return (
    <div className="flex flex-col gap-3">
      <ol aria-label="Recovery codes" className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-md border bg-muted/40 p-4 font-mono text-sm sm:max-w-sm">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button asChild variant="outline" size="sm">
          <a href={`data:text/plain;charset=utf-8,${encodeURIComponent(file)}`} download="recovery-codes.txt">
            <Download aria-hidden />
            Download the codes
          </a>
        </Button>
        {done && (
          <Button size="sm" onClick={() => router.refresh()}>
            Done, I kept them
          </Button>
        )}
      </div>
    </div>
  );
}
