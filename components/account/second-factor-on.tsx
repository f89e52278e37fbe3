'use client';

import { Loader2 } from 'lucide-react';
import { useActionState, useRef } from 'react';
import { RecoveryCodes } from '@/components/account/recovery-codes';
import { useFocusResult } from '@/components/hooks/use-focus-result';
import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { changeSecondFactor, type RecoveryCodesState } from '@/lib/actions/account';

/**
 * The second factor once on: new recovery codes, or turning it off. Either asks for a current code,
 * so that a session left open on someone's laptop cannot take the account's second factor over.
 */
export function SecondFactorOn({ email, required }: { email: string; required: boolean }) {
  const [state, formAction, pending] = useActionState<RecoveryCodesState, FormData>(changeSecondFactor, null);
  const form = useRef<HTMLFormElement>(null);
  useFocusResult(state, form);

  return (
    <form ref={form} action={formAction} className="flex flex-col gap-4" noValidate>
      {state?.ok && (
        <div className="flex flex-col gap-3">
          <p role="status" tabIndex={-1} data-form-result className="text-sm font-medium outline-none">
            {state.message}
          </p>
          {state.codes.length > 0 && <RecoveryCodes codes={state.codes} email={email} />}
        </div>
      )}
      <TextField
        id="factor-code"
        label="Current code"
        name="code"
        autoComplete="one-time-code"
        autoCapitalize="none"
        spellCheck={false}
        required
        className="sm:max-w-xs"
        hint="The 6 digits your app shows now, or a recovery code: needed for either change below."
        errors={state && !state.ok ? state.fieldErrors?.code : undefined}
      />
      {state && !state.ok && !state.fieldErrors && <FormAlert>{state.error}</FormAlert>}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="intent" value="renew" variant="outline" disabled={pending}>
          {pending && <Loader2 className="animate-spin" aria-hidden />}
          Make new recovery codes
        </Button>
        {!required && (
          <Button type="submit" name="intent" value="turn-off" variant="destructive" disabled={pending}>
            Turn off the second factor
          </Button>
        )}
      </div>
    </form>
  );
}
