'use client';

import { Loader2 } from 'lucide-react';
import { useActionState, useEffect, useRef } from 'react';
import { toast } from 'sonner';
import { useFocusResult } from '@/components/hooks/use-focus-result';
import { ActionForm } from '@/components/ui/action-form';
import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { useHydrated } from '@/components/ui/use-hydrated';
import { saveAlertRulesAction, type AlertRulesState } from '@/lib/actions/alerts';
import { ALERT_EVENTS, RULED_EVENTS, type RuledEvent, type RuleState } from '@/lib/alerts/events';

/** Which events alert, each on or off, and how long webhooks may be silent. */
export function AlertRulesForm({ rules }: { rules: Record<RuledEvent, RuleState> }) {
  const [state, dispatch, pending] = useActionState<AlertRulesState, FormData>(saveAlertRulesAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  const hydrated = useHydrated();
  useFocusResult(state, formRef);
  useEffect(() => {
    if (state?.ok) toast.success(state.message);
  }, [state]);
  const silence = ALERT_EVENTS.WEBHOOKS_SILENT.minutes!;
  return (
    <ActionForm ref={formRef} action={dispatch} className="flex flex-col gap-4" noValidate aria-label="Alert events">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Alert when</legend>
        {RULED_EVENTS.map((event) => (
          <label key={event} htmlFor={`rule-${event}`} className="flex items-start gap-2 text-sm">
            <input
              id={`rule-${event}`}
              type="checkbox"
              name={`on_${event}`}
              defaultChecked={rules[event].enabled}
              className="mt-0.5 size-4 shrink-0 accent-primary"
            />
            {ALERT_EVENTS[event].label}
          </label>
        ))}
      </fieldset>
      <TextField
        id="rule-silence-minutes"
        label={silence.label}
        name="silenceMinutes"
        inputMode="numeric"
        className="max-w-xs"
        defaultValue={rules.WEBHOOKS_SILENT.minutes ?? silence.default}
        hint={`From ${silence.min} to ${silence.max}; a quiet account may go an hour without a message.`}
        errors={state && !state.ok ? state.fieldErrors?.silenceMinutes : undefined}
      />
      {state && !state.ok && <FormAlert>{state.error}</FormAlert>}
      <Button type="submit" className="w-fit" disabled={pending || !hydrated}>
        {pending && <Loader2 className="animate-spin" aria-hidden />}
        Save alert events
      </Button>
    </ActionForm>
  );
}
