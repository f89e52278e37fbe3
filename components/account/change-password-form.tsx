'use client';

import { Loader2 } from 'lucide-react';
import { useActionState, useRef } from 'react';
import { useFocusResult } from '@/components/hooks/use-focus-result';
import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { changePasswordAction, type ChangePasswordState } from '@/lib/actions/account';
import { PASSWORD_MIN_LENGTH } from '@/lib/validations/staff';

/** My account → Change password. A success ends every session, this one too: the sign-in page follows. */
export function ChangePasswordForm() {
  const [state, formAction, pending] = useActionState<ChangePasswordState, FormData>(changePasswordAction, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusResult(state, form);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={form} action={formAction} className="flex flex-col gap-4 sm:max-w-sm" noValidate>
      <TextField
        id="current-password"
        label="Current password"
        name="current"
        type="password"
        autoComplete="current-password"
        required
        errors={errors?.current}
      />
      <TextField
        id="new-password"
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        errors={errors?.password}
      />
      <TextField
        id="confirm-password"
        label="New password again"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        errors={errors?.confirm}
      />
      {state && !state.ok && !state.fieldErrors && <FormAlert>{state.error}</FormAlert>}
      <Button type="submit" className="self-start" disabled={pending}>
        {pending && <Loader2 className="animate-spin" aria-hidden />}
        Change password
      </Button>
    </form>
  );
}
