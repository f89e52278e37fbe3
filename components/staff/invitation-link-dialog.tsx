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
export function InvitationLinkDialog({ id, name, email, emailAvailable }: { id: string; name: string; email: string; emailAvailable: boolean }) {
  const [link, setLink] = useState<string>();
  const [sent, setSent] = useState<string>();
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const renew = (byEmail: boolean) =>
    startTransition(async () => {
      const form = new FormData();
      form.set('passwordMode', 'link');
      if (byEmail) form.set('emailLink', 'on');
      const result = await resetStaffPassword(id, form);
      setError(result.ok ? undefined : result.error);
      if (!result.ok) return;
      // Emailed: nothing to copy. Not emailed (or the email failed): the link, with why.
      if (result.link) setLink(result.link);
      setSent(result.message);
    });
  return (
    <Dialog
      onOpenChange={(open) => {
        if (open) return;
        setLink(undefined);
        setSent(undefined);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          <Link2 aria-hidden /> Send a new link<span className="sr-only"> to {name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent
        title={`A new link for ${name}`}
        description="The console keeps only a fingerprint of each link, so the first one cannot be shown again. A new link replaces it: the first one stops working."
      >
        {sent ? (
          <div className="flex flex-col gap-3">
            <p role="status" className="text-sm">
              {sent}
            </p>
            {link && <OneTimeLink link={link} linkFor={name} />}
          </div>
        ) : (
          <div className="flex flex-col gap-3">
            {error && <FormAlert>{error}</FormAlert>}
            <div className="flex flex-wrap gap-2">
              {emailAvailable && (
                <Button type="button" onClick={() => renew(true)} disabled={pending}>
                  {pending && <Loader2 className="animate-spin" aria-hidden />}
                  Email a new link to {email}
                </Button>
              )}
              <Button type="button" variant={emailAvailable ? 'outline' : 'default'} onClick={() => renew(false)} disabled={pending}>
                {pending && !emailAvailable && <Loader2 className="animate-spin" aria-hidden />}
                Make a new link
              </Button>
            </div>
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}
