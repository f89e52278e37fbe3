'use client';

import { Loader2 } from 'lucide-react';
import { useState, useTransition, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { useViewerTimeZone } from '@/components/ui/date-time';
import { FieldError } from '@/components/ui/field-error';
import { FormAlert } from '@/components/ui/form-alert';
import { RadioOption } from '@/components/ui/radio-option';
import { TextField } from '@/components/ui/text-field';
import { useHydrated } from '@/components/ui/use-hydrated';
import { ZonePicker } from '@/components/ui/zone-picker';
import { saveAutoShareAction, type AutoShareFormState } from '@/lib/actions/auto-share';
import type { PreviewCounts } from '@/lib/auto/panel';
import { describePreview } from '@/lib/auto/preview-words';
import type { AutoShareSettings, SavedAutoShare } from '@/lib/auto/rules';
import { zoneChoiceOr } from '@/lib/time-zone-names';

/** The form's values: numbers and times as typed, quiet hours switched on or off. */
interface Values {
  enabled: boolean;
  trigger: AutoShareSettings['trigger'];
  delayMinutes: string;
  quietHours: boolean;
  quietStart: string;
  quietEnd: string;
  timeZone: string | null;
  includeGroups: boolean;
  dailyCap: string;
}

function valuesOf(rule: AutoShareSettings, saved: boolean): Values {
  return {
    enabled: rule.enabled,
    trigger: rule.trigger,
    delayMinutes: String(rule.delayMinutes),
    quietHours: Boolean(rule.quietStart && rule.quietEnd),
    quietStart: rule.quietStart ?? '21:00',
    quietEnd: rule.quietEnd ?? '08:00',
    timeZone: saved ? rule.timeZone : null,
    includeGroups: rule.includeGroups,
    dailyCap: String(rule.dailyCap),
  };
}

/**
 * A number's automatic share: when (after our first message, or the customer's first reply), the
 * delay, quiet hours in a zone, group chats, and the daily cap; with a preview of how many chats
 * would have qualified, recomputed as the choices change.
 */
export function AutoShareForm({
  phoneNumber,
  rule,
  preview,
  timeZones,
}: {
  phoneNumber: string;
  rule: SavedAutoShare;
  preview: PreviewCounts;
  timeZones: string[];
}) {
  const [state, setState] = useState<AutoShareFormState>(null);
  const interactive = useHydrated();
  const [saving, startSaving] = useTransition();
  const [values, setValues] = useState<Values>(() => valuesOf(rule, rule.saved));
  const viewerZone = useViewerTimeZone();
  const timeZone = values.timeZone ?? zoneChoiceOr(viewerZone ?? undefined);
  const set = (change: Partial<Values>) => setValues((current) => ({ ...current, ...change }));
  const errors = (state && !state.ok && state.fieldErrors) || {};

  // Submitted by hand, not as a form action: React would reset the fields to the page's first values after one.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startSaving(async () => {
      const result = await saveAutoShareAction(state, data);
      setState(result);
      if (!result?.ok) return;
      setValues(valuesOf(result.saved, true));
      if (result.changed) toast.success(result.message);
      else toast.info(result.message);
    });
  };

  const counts = preview[values.trigger][values.includeGroups ? 'withGroups' : 'withoutGroups'];
  const cap = Number.parseInt(values.dailyCap, 10);
  const previewText = describePreview(counts, Number.isFinite(cap) && cap > 0 ? cap : Number.POSITIVE_INFINITY);

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-label="Automatic share">
      <input type="hidden" name="phoneNumber" value={phoneNumber} />
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          name="enabled"
          checked={values.enabled}
          onChange={(event) => set({ enabled: event.target.checked })}
          className="mt-0.5 size-4 accent-primary"
        />
        <span>
          <span className="font-medium">Share the card automatically at the start of every new conversation</span>
          <span className="block text-muted-foreground">
            Once per chat, in your name. Never into opted-out or critical chats, chats the number has left, SMS or RCS chats, or while Linq has flagged the
            number.
          </span>
        </span>
      </label>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">When</legend>
        <RadioOption name="trigger" value="FIRST_OUTBOUND" checked={values.trigger === 'FIRST_OUTBOUND'} onChange={() => set({ trigger: 'FIRST_OUTBOUND' })}>
          After our first message in a chat
        </RadioOption>
        <RadioOption name="trigger" value="FIRST_REPLY" checked={values.trigger === 'FIRST_REPLY'} onChange={() => set({ trigger: 'FIRST_REPLY' })}>
          After the customer’s first reply to us (Linq’s recommendation)
        </RadioOption>
        <FieldError id="auto-trigger-error" messages={errors.trigger} />
      </fieldset>
      <div className="flex flex-wrap gap-4">
        <TextField
          id="auto-delay"
          name="delayMinutes"
          type="number"
          inputMode="numeric"
          min={0}
          max={1440}
          label="Delay (minutes)"
          hint="So the card follows the conversation instead of interrupting it: 0 to 1440."
          value={values.delayMinutes}
          onChange={(event) => set({ delayMinutes: event.target.value })}
          errors={errors.delayMinutes}
          required
          className="w-56"
        />
        <TextField
          id="auto-cap"
          name="dailyCap"
          type="number"
          inputMode="numeric"
          min={1}
          label="At most per day"
          hint="Protects the number’s reputation; the rest waits for the next day."
          value={values.dailyCap}
          onChange={(event) => set({ dailyCap: event.target.value })}
          errors={errors.dailyCap}
          required
          className="w-56"
        />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="quietHours"
          checked={values.quietHours}
          onChange={(event) => set({ quietHours: event.target.checked })}
          className="size-4 accent-primary"
        />
        Quiet hours: nothing is shared between these times; what falls due then goes in the morning
      </label>
      <div className="flex flex-wrap gap-4">
        {values.quietHours && (
          <>
            <TextField
              id="auto-quiet-start"
              name="quietStart"
              type="time"
              label="Quiet from"
              value={values.quietStart}
              onChange={(event) => set({ quietStart: event.target.value })}
              errors={errors.quietStart}
              required
              className="w-40"
            />
            <TextField
              id="auto-quiet-end"
              name="quietEnd"
              type="time"
              label="Quiet until"
              value={values.quietEnd}
              onChange={(event) => set({ quietEnd: event.target.value })}
              errors={errors.quietEnd}
              required
              className="w-40"
            />
          </>
        )}
        <ZonePicker id="auto-zone" name="timeZone" zones={timeZones} value={timeZone} onChange={(zone) => set({ timeZone: zone })} errors={errors.timeZone} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="includeGroups"
          checked={values.includeGroups}
          onChange={(event) => set({ includeGroups: event.target.checked })}
          className="size-4 accent-primary"
        />
        Group chats too
      </label>
      <p className="text-sm" aria-live="polite" data-testid="auto-share-preview">
        {previewText}
      </p>
      {state && !state.ok && <FormAlert>{state.error}</FormAlert>}
      <div>
        <Button type="submit" disabled={saving || !interactive}>
          {saving && <Loader2 className="animate-spin" aria-hidden />} Save automatic share
        </Button>
      </div>
    </form>
  );
}
