'use client';

import { Loader2 } from 'lucide-react';
import { useState, useTransition, type FormEvent } from 'react';
import { toast } from 'sonner';
import { SchedulePreviewLine } from '@/components/cards/schedule-preview';
import { Button } from '@/components/ui/button';
import { useViewerTimeZone } from '@/components/ui/date-time';
import { FormAlert } from '@/components/ui/form-alert';
import { TextField } from '@/components/ui/text-field';
import { ZonePicker } from '@/components/ui/zone-picker';
import { saveScheduleAction, type ScheduleFormState } from '@/lib/actions/schedules';
import type { SavedSchedule, SchedulePreview, ScheduleSettings } from '@/lib/runs/schedules';
import { zoneChoiceOr } from '@/lib/time-zone-names';

const settingsOf = ({ enabled, timeOfDay, timeZone, onlyRepliedChats }: ScheduleSettings): ScheduleSettings => ({
  enabled,
  timeOfDay,
  timeZone,
  onlyRepliedChats,
});

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
  schedule: SavedSchedule;
  preview: SchedulePreview;
  /** From the server, so the list is the same on both sides of hydration. */
  timeZones: string[];
}) {
  const [state, setState] = useState<ScheduleFormState>(null);
  const [saving, startSaving] = useTransition();
  // Controlled, and always what was last saved once a save answers. A number never set up has no
  // zone chosen yet (null): the viewer's own is offered, once the browser says which it is.
  const [values, setValues] = useState<Omit<ScheduleSettings, 'timeZone'> & { timeZone: string | null }>(() => ({
    ...settingsOf(schedule),
    timeZone: schedule.saved ? schedule.timeZone : null,
  }));
  const viewerZone = useViewerTimeZone();
  const timeZone = values.timeZone ?? zoneChoiceOr(viewerZone ?? undefined);
  const set = (change: Partial<ScheduleSettings>) => setValues((current) => ({ ...current, ...change }));
  const errors = (state && !state.ok && state.fieldErrors) || {};

  // Submitted by hand, not as a form action: React would reset the fields to the page's first values after one.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startSaving(async () => {
      const result = await saveScheduleAction(state, data);
      setState(result);
      if (!result?.ok) return;
      setValues(result.saved);
      if (result.changed) toast.success(result.message);
      else toast.info(result.message);
    });
  };
  const unsaved = schedule.saved && JSON.stringify({ ...values, timeZone }) !== JSON.stringify(settingsOf(schedule));

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Daily re-share">
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
          <span className="font-medium">Share the card again every day</span>
          <span className="block text-muted-foreground">
            With every eligible chat of this number not shared within the cooldown. Opted-out and critical chats, and chats the number has left, are always
            skipped.
          </span>
        </span>
      </label>
      <div className="flex flex-wrap gap-4">
        <TextField
          id="schedule-time"
          name="timeOfDay"
          type="time"
          label="Time of day"
          value={values.timeOfDay}
          onChange={(event) => set({ timeOfDay: event.target.value })}
          errors={errors.timeOfDay}
          required
          className="w-40"
        />
        <ZonePicker
          id="schedule-zone"
          name="timeZone"
          zones={timeZones}
          value={timeZone}
          onChange={(zone) => set({ timeZone: zone })}
          errors={errors.timeZone}
        />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="onlyRepliedChats"
          checked={values.onlyRepliedChats}
          onChange={(event) => set({ onlyRepliedChats: event.target.checked })}
          className="size-4 accent-primary"
        />
        Only chats where the customer has written at least once
      </label>
      {state && !state.ok && <FormAlert>{state.error}</FormAlert>}
      <SchedulePreviewLine schedule={schedule} preview={preview} />
      {unsaved && <p className="text-sm text-muted-foreground">You have changes that are not saved yet: the line above describes what is saved.</p>}
      <div>
        <Button type="submit" disabled={saving}>
          {saving && <Loader2 className="animate-spin" aria-hidden />} Save daily re-share
        </Button>
      </div>
    </form>
  );
}
