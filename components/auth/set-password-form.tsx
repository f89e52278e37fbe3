'use client';

import { Loader2 } from 'lucide-react';
import Link from 'next/link';
import { useActionState, useRef } from 'react';
import { useFocusResult } from '@/components/hooks/use-focus-result';
import { ActionForm } from '@/components/ui/action-form';
import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { setPasswordAction, type SetPasswordState } from '@/lib/actions/password';
import { PASSWORD_MIN_LENGTH } from '@/lib/validations/staff';

export function SetPasswordForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState<SetPasswordState, FormData>(setPasswordAction, null);
  const form = useRef<HTMLDivElement>(null);
  useFocusResult(state, form);
  if (state?.ok) {
    return (
      <div ref={form} className="flex flex-col gap-3 text-sm">
        <p tabIndex={-1} data-form-result className="outline-none">
          {state.message}
        </p>
        <Button asChild>
          <Link href={`/login?email=${encodeURIComponent(state.email)}`}>Sign in</Link>
        </Button>
      </div>
    );
  }
  const fieldErrors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <div ref={form}>
      <ActionForm action={formAction} className="flex flex-col gap-4" noValidate>
        <input type="hidden" name="token" value={token} />
        <TextField
          id="new-password"
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          errors={fieldErrors?.password}
        />
        <TextField id="confirm-password" label="Type it again" name="confirm" type="password" autoComplete="new-password" errors={fieldErrors?.confirm} />
        {state && !state.ok && !state.fieldErrors && <FormAlert>{state.error}</FormAlert>}
        <Button type="submit" disabled={pending}>
          {pending && <Loader2 className="animate-spin" aria-hidden />}
          Set password
        </Button>
      </ActionForm>
    </div>
  );
}
