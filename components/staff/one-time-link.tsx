'use client';

import { Copy } from 'lucide-react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';

/** A set-password link, shown once: the console keeps only its hash. `linkFor` names whose it is. */
export function OneTimeLink({ link, linkFor }: { link: string; linkFor?: string }) {
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-warning/50 bg-warning/10 p-3">
      <p className="text-sm font-medium">One-time link{linkFor && <> for {linkFor}</>} (valid 72 hours, shown only now)</p>
      <div className="flex gap-2">
        <Input readOnly value={link} aria-label="Set-password link" onFocus={(event) => event.currentTarget.select()} className="font-mono text-xs" />
        <Button
          type="button"
          variant="outline"
          size="icon"
          aria-label="Copy the link"
          onClick={() =>
            void navigator.clipboard?.writeText(link).then(
              () => toast.success('Link copied.'),
              () => toast.error('Copy it by hand: select the link.'),
            )
          }
        >
          <Copy />
        </Button>
      </div>
    </div>
  );
}
