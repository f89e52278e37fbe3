'use client';

import { Loader2 } from 'lucide-react';
import Link from 'next/link';
import { useActionState, useRef, useState, useTransition } from 'react';
import { RecoveryCodes } from '@/components/account/recovery-codes';
import { useFocusResult } from '@/components/hooks/use-focus-result';
import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { confirmTotp, startTotpSetup, type RecoveryCodesState } from '@/lib/actions/account';

type Secret = { secret: string; qrCode: string };

/**
 * Setting up an authenticator app: a QR code (and the key as text, for apps on the same device),
 * a first code to prove the app has it, then the ten recovery codes, shown once.
 */
export function TotpSetup({ email, continueHref }: { email: string; continueHref?: string }) {
  const [secret, setSecret] = useState<Secret | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [starting, startTransition] = useTransition();
  const [state, formAction, pending] = useActionState<RecoveryCodesState, FormData>(confirmTotp, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusResult(state, form);

  if (state?.ok) {
    return (
      <div className="flex flex-col gap-4">
        <p role="status" tabIndex={-1} data-form-result className="text-sm font-medium outline-none">
          {state.message}
        </p>
        <RecoveryCodes codes={state.codes} email={email} done={!continueHref} />
        {continueHref && (
          <Button asChild className="self-start">
            <Link href={continueHref}>Continue to the console</Link>
          </Button>
        )}
      </div>
    );
  }

  if (!secret) {
    const start = () =>
      startTransition(async () => {
        const result = await startTotpSetup();
        if (result.ok) setSecret({ secret: result.secret, qrCode: result.qrCode });
        else setStartError(result.error);
      });
    return (
      <div className="flex flex-col gap-3">
        <Button className="self-start" onClick={start} disabled={starting}>
          {starting && <Loader2 className="animate-spin" aria-hidden />}
          Set up an authenticator app
        </Button>
        {startError && <FormAlert>{startError}</FormAlert>}
      </div>
    );
  }

  return (
    <form ref={form} action={formAction} className="flex flex-col gap-4" noValidate>
      <ol className="flex list-decimal flex-col gap-3 pl-5 text-sm">
        <li>
          Open an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…) and scan this code.
          {/* A data address the server made from the secret: nothing here is loaded from elsewhere. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={secret.qrCode} alt="QR code of your authenticator key" width={176} height={176} className="mt-2 rounded-md border bg-white p-1" />
        </li>
        <li>
          Cannot scan it? Type this key in the app instead:{' '}
          <code className="font-mono text-sm break-all" aria-label="Authenticator key">
            {secret.secret}
          </code>
        </li>
        <li>Type the 6-digit code the app now shows.</li>
      </ol>
      <TextField
        id="totp-code"
        label="Code from the app"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        className="sm:max-w-xs"
        errors={state?.fieldErrors?.code}
      />
      {state && !state.ok && !state.fieldErrors && <FormAlert>{state.error}</FormAlert>}
      <Button type="submit" className="self-start" disabled={pending}>
        {pending && <Loader2 className="animate-spin" aria-hidden />}
        Turn on
      </Button>
    </form>
  );
}
