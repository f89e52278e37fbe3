'use client';

import { KeyRound, Loader2 } from 'lucide-react';
import { useState, useTransition } from 'react';
import { toast } from 'sonner';
import { OneTimeLink } from '@/components/staff/one-time-link';
import { ActionForm } from '@/components/ui/action-form';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogTrigger } from '@/components/ui/dialog';
import { FormAlert } from '@/components/ui/form-alert';
import { RadioOption } from '@/components/ui/radio-option';
import { TextField } from '@/components/ui/text-field';
import { resetStaffPassword } from '@/lib/actions/staff';
import { PASSWORD_MIN_LENGTH } from '@/lib/validations/staff';

/** An admin resets someone's password: a one-time link to send them, or a new password now. */
export function ResetPasswordDialog({ id, name }: { id: string; name: string }) {
  const [mode, setMode] = useState<'link' | 'password'>('link');
  const [link, setLink] = useState<string>();
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const submit = (formData: FormData) =>
    startTransition(async () => {
      const result = await resetStaffPassword(id, formData);
      setError(result.ok ? undefined : result.error);
      if (result.ok) {
        toast.success(result.message);
        setLink(result.link);
      }
    });
  return (
    <Dialog onOpenChange={(open) => !open && setLink(undefined)}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          <KeyRound aria-hidden /> Reset password<span className="sr-only"> of {name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent title={`Reset the password of ${name}`} description="Their current sessions end either way.">
        {link ? (
          <OneTimeLink link={link} />
        ) : (
          <ActionForm action={submit} className="flex flex-col gap-4">
            <fieldset className="flex flex-col gap-2">
              <legend className="sr-only">How</legend>
              <RadioOption name="passwordMode" value="link" checked={mode === 'link'} onChange={() => setMode('link')}>
                Make a one-time link for them to set it
              </RadioOption>
              <RadioOption name="passwordMode" value="password" checked={mode === 'password'} onChange={() => setMode('password')}>
                Set a new password now
              </RadioOption>
            </fieldset>
            {mode === 'password' && (
              <TextField
                id={`new-password-${id}`}
                label="New password"
                name="password"
                type="password"
                autoComplete="new-password"
                hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
              />
            )}
            {error && <FormAlert>{error}</FormAlert>}
            <Button type="submit" disabled={pending}>
              {pending && <Loader2 className="animate-spin" aria-hidden />}
              Reset password
            </Button>
          </ActionForm>
        )}
      </DialogContent>
    </Dialog>
  );
}
