'use client';

import { Loader2 } from 'lucide-react';
import Link from 'next/link';
import { useActionState } from 'react';
import { ActionForm } from '@/components/ui/action-form';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field-error';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { setPasswordAction, type SetPasswordState } from '@/lib/actions/password';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password-policy';

export function SetPasswordForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState<SetPasswordState, FormData>(setPasswordAction, undefined);
  if (state?.ok) {
    return (
      <div className="flex flex-col gap-3 text-sm">
        <p>Your password is set. Sign in as {state.email}.</p>
        <Button asChild>
          <Link href="/login">Sign in</Link>
        </Button>
      </div>
    );
  }
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <ActionForm action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <div className="flex flex-col gap-2">
        <Label htmlFor="new-password">New password</Label>
        <Input id="new-password" name="password" type="password" autoComplete="new-password" aria-invalid={Boolean(fieldErrors?.password)} aria-describedby="new-password-hint new-password-error" />
        <p id="new-password-hint" className="text-xs text-muted-foreground">At least {PASSWORD_MIN_LENGTH} characters.</p>
        <FieldError id="new-password-error" messages={fieldErrors?.password} />
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="confirm-password">Type it again</Label>
        <Input id="confirm-password" name="confirm" type="password" autoComplete="new-password" aria-invalid={Boolean(fieldErrors?.confirm)} aria-describedby="confirm-password-error" />
        <FieldError id="confirm-password-error" messages={fieldErrors?.confirm} />
      </div>
      {state && !state.ok && state.error && (
        <p role="alert" className="rounded-md border border-destructive/30 bg-destructive/10 px-3 py-2 text-sm text-destructive">
          {state.error}
        </p>
      )}
      <Button type="submit" disabled={pending}>
        {pending && <Loader2 className="animate-spin" aria-hidden />}
        Set password
      </Button>
    </ActionForm>
  );
}
