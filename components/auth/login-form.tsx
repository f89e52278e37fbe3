'use client';

import { Loader2 } from 'lucide-react';
import { startTransition, useActionState, useEffect, useRef, useState } from 'react';
import { PasskeyAnswer } from '@/components/auth/passkey-answer';
import { useFocusResult } from '@/components/hooks/use-focus-result';
import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { signInWithPassword, type SignInState } from '@/lib/actions/auth';

export function LoginForm(props: { callbackUrl: string; email?: string }) {
  // Starting again remounts the steps: the code step's challenge is forgotten with them.
  const [attempt, setAttempt] = useState(0);
  return <SignInSteps key={attempt} {...props} onRestart={() => setAttempt((n) => n + 1)} />;
}

function SignInSteps({ callbackUrl, email, onRestart }: { callbackUrl: string; email?: string; onRestart: () => void }) {
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInWithPassword, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusResult(state, form);
  const codeField = useRef<HTMLInputElement>(null);
  // The password was right: the code field is where the person types next.
  useEffect(() => {
    if (state?.prompt) codeField.current?.focus();
  }, [state]);

  if (state?.challenge) {
    const methods = state.methods ?? 'app';
    const withApp = methods !== 'passkey';
    return (
      <form ref={form} action={formAction} className="flex flex-col gap-4" noValidate>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <input type="hidden" name="challenge" value={state.challenge} />
        <input type="hidden" name="methods" value={methods} />
        <input type="hidden" name="email" value={state.email ?? ''} />
        <p className="text-sm text-muted-foreground">
          Password accepted for <strong className="text-foreground">{state.email}</strong>.{' '}
          {withApp ? 'Your account also asks for a code.' : 'Your account also asks for one of your passkeys.'}
        </p>
        {methods !== 'app' && (
          <PasskeyAnswer
            challenge={state.challenge}
            onAnswer={(answer) => {
              const data = new FormData(form.current ?? undefined);
              data.delete('code');
              data.set('passkeyChallengeId', answer.challengeId);
              data.set('passkeyResponse', answer.response);
              startTransition(() => formAction(data));
            }}
            primary={!withApp}
            pending={pending}
          />
        )}
        {withApp && (
          <TextField
            ref={codeField}
            id="code"
            label="Code"
            name="code"
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            required
            hint="The 6 digits your authenticator app shows now, or one of your recovery codes if you lost the phone."
            errors={state.fieldErrors?.code}
          />
        )}
        {!state.prompt && !state.fieldErrors && <FormAlert>{state.error}</FormAlert>}
        {withApp && (
          <Button type="submit" disabled={pending}>
            {pending && <Loader2 className="animate-spin" aria-hidden />}
            Verify and sign in
          </Button>
        )}
        <Button type="button" variant="link" className="self-start px-0" onClick={onRestart}>
          Start again with another account
        </Button>
      </form>
    );
  }

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
