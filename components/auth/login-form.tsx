'use client';

import { Loader2 } from 'lucide-react';
import { useActionState, useRef } from 'react';
import { useFocusResult } from '@/components/hooks/use-focus-result';
import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { signInWithPassword, type SignInState } from '@/lib/actions/auth';

export function LoginForm({ callbackUrl, email }: { callbackUrl: string; email?: string }) {
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInWithPassword, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusResult(state, form);

  return (
    <form ref={form} action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField
        id="email"
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        required
        defaultValue={state?.email ?? email}
        errors={state?.fieldErrors?.email}
      />
      <TextField
        id="password"
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        errors={state?.fieldErrors?.password}
      />
      {state && !state.fieldErrors && <FormAlert>{state.error}</FormAlert>}
      <Button type="submit" disabled={pending}>
        {pending && <Loader2 className="animate-spin" aria-hidden />}
        Sign in
      </Button>
    </form>
  );
}
