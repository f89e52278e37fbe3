'use client';

import { Link2, Loader2 } from 'lucide-react';
import { useState, useTransition } from 'react';
import { OneTimeLink } from '@/components/staff/one-time-link';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import { FormAlert } from '@/components/ui/form-alert';
import { resetStaffPassword } from '@/lib/actions/staff';

/**
 * "Copy link again" for someone invited who has not set their password. The console keeps only a
 * fingerprint of each link, so the first one cannot be shown again: a new one replaces it.
 */
export function InvitationLinkDialog({ id, name }: { id: string; name: string }) {
  const [link, setLink] = useState<string>();
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const renew = () =>
    startTransition(async () => {
      const form = new FormData();
      form.set('passwordMode', 'link');
      const result = await resetStaffPassword(id, form);
      setError(result.ok ? undefined : result.error);
      if (result.ok) setLink(result.link);
    });
  return (
    <Dialog onOpenChange={(open) => !open && setLink(undefined)}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          <Link2 aria-hidden /> Copy link again<span className="sr-only"> for {name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`A new link for ${name}`}
        description="The console keeps only a fingerprint of each link, so the first one cannot be shown again. A new link replaces it: the first one stops working."
      >
        {link ? (
          <OneTimeLink link={link} linkFor={name} />
        ) : (
          <div className="flex flex-col gap-3">
            {error && <FormAlert>{error}</FormAlert>}
            <Button type="button" className="w-fit" onClick={renew} disabled={pending}>
              {pending && <Loader2 className="animate-spin" aria-hidden />}
              Make a new link
            </Button>
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}
