'use client';

import { Loader2 } from 'lucide-react';
import { useActionState, useEffect, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { FieldError } from '@/components/ui/field-error';
import { FormAlert } from '@/components/ui/form-alert';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/native-select';
import { TextField } from '@/components/ui/text-field';
import { saveScheduleAction, type ScheduleFormState } from '@/lib/actions/schedules';
import type { SchedulePreview, ScheduleSettings } from '@/lib/runs/schedules';
import { formatCount } from '@/lib/format';

export function PreviewLine({ schedule, preview }: { schedule: ScheduleSettings; preview: SchedulePreview }) {
  if (!schedule.enabled) return <p className="text-sm text-muted-foreground">The daily re-share is off for this number.</p>;
  if (preview.lineFlagged) return <p className="text-sm">Linq has flagged this number: the daily re-share waits until it is active again.</p>;
  return (
    <p className="text-sm">
      Next run: {preview.nextRun}, about {formatCount(preview.chats)} {preview.chats === 1 ? 'chat' : 'chats'}.
    </p>
  );
}

/**
 * The number's daily re-share: on or off, the time and zone, and which chats. Eligible chats only,
 * never those shared within the cooldown, opted out, critical, or left; never on a flagged line.
 */
export function ReshareScheduleForm({
  phoneNumber,
  schedule,
  preview,
  timeZones,
}: {
  phoneNumber: string;
  schedule: ScheduleSettings;
  preview: SchedulePreview;
  /** From the server, so the list is the same on both sides of hydration. */
  timeZones: string[];
}) {
  const [state, dispatch, saving] = useActionState<ScheduleFormState, FormData>(saveScheduleAction, { status: 'idle' });
  // Controlled, so that what was just saved stays in the form (React resets uncontrolled fields after an action).
  const [values, setValues] = useState(schedule);
  const set = (change: Partial<ScheduleSettings>) => setValues((current) => ({ ...current, ...change }));
  const errors = state.status === 'invalid' ? state.fieldErrors : {};

  useEffect(() => {
    if (state.status === 'saved') toast.success(state.message);
    if (state.status === 'unchanged') toast.info(state.message);
  }, [state]);

  return (
    <form action={dispatch} className="flex flex-col gap-4" aria-label="Daily re-share">
      <input type="hidden" name="phoneNumber" value={phoneNumber} />
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="enabled" checked={values.enabled} onChange={(event) => set({ enabled: event.target.checked })} className="mt-0.5 size-4 accent-primary" />
        <span>
          <span className="font-medium">Share the card again every day</span>
          <span className="block text-muted-foreground">With every eligible chat of this number not shared within the cooldown. Opted-out and critical chats, and chats the number has left, are always skipped.</span>
        </span>
      </label>
      <div className="flex flex-wrap gap-4">
        <TextField id="schedule-time" name="timeOfDay" type="time" label="Time of day" value={values.timeOfDay} onChange={(event) => set({ timeOfDay: event.target.value })} errors={errors.timeOfDay} required className="w-40" />
        <div className="flex flex-col gap-2">
          <Label htmlFor="schedule-zone">Time zone</Label>
          <NativeSelect id="schedule-zone" name="timeZone" value={values.timeZone} onChange={(event) => set({ timeZone: event.target.value })} aria-invalid={Boolean(errors.timeZone)} aria-describedby="schedule-zone-error">
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </NativeSelect>
          <FieldError id="schedule-zone-error" messages={errors.timeZone} />
        </div>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="onlyRepliedChats" checked={values.onlyRepliedChats} onChange={(event) => set({ onlyRepliedChats: event.target.checked })} className="size-4 accent-primary" />
        Only chats where the customer has written at least once
      </label>
      {(state.status === 'failed' || state.status === 'invalid') && <FormAlert>{state.message}</FormAlert>}
      <PreviewLine schedule={schedule} preview={preview} />
      <div>
        <Button type="submit" disabled={saving}>
          {saving && <Loader2 className="animate-spin" aria-hidden />} Save daily re-share
        </Button>
      </div>
    </form>
  );
}
