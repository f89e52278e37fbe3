import Link from 'next/link';
import { DateTime } from '@/components/ui/date-time';
import { formatCount } from '@/lib/format';
import type { SavedSchedule, SchedulePreview } from '@/lib/runs/schedules';

const DAY_NOTES = { nothing_to_share: 'nothing to share', line_flagged: 'the number was flagged by Linq' } as const;

/** The last day's turn: its run, or why it made none. */
function LastRun({ schedule }: { schedule: SavedSchedule }) {
  if (!schedule.lastRunAt) return <>No run yet.</>;
  const when = (
    <>
      {schedule.lastRunDate} at <DateTime value={schedule.lastRunAt} timeOnly />
    </>
  );
  if (schedule.lastRunId) {
    return (
      <>
        The last run was made for {when}:{' '}
        <Link href={`/runs/${schedule.lastRunId}`} className="text-primary underline underline-offset-2">
          open it
        </Link>
        .
      </>
    );
  }
  return (
    <>
      The last day’s turn was taken for {when}: {schedule.lastRunNote ? DAY_NOTES[schedule.lastRunNote] : 'no run was made'}.
    </>
  );
}

/**
 * What the saved schedule will do next, exactly as the scheduler decides it (the same function),
 * the rule it keeps, and what its last day did.
 */
export function SchedulePreviewLine({ schedule, preview }: { schedule: SavedSchedule; preview: SchedulePreview }) {
  if (!schedule.enabled) return <p className="text-sm text-muted-foreground">The daily re-share is off for this number.</p>;
  return (
    <div className="flex flex-col gap-1 text-sm" aria-label="What the daily re-share does next" role="group">
      {schedule.owner && !schedule.owner.canShare ? (
        <p className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2">
          Stopped: {schedule.owner.name}, who set it up, can no longer share. It makes no run until someone who can share saves it, which takes it over.
        </p>
      ) : preview.lineFlagged ? (
        <p>Linq has flagged this number: each day’s turn makes no run while it is flagged.</p>
      ) : (
        <p>
          Next run: {preview.due ? <>due now ({preview.nextRun}), within a minute</> : preview.nextRun}, about {formatCount(preview.chats)}{' '}
          {preview.chats === 1 ? 'chat' : 'chats'} as things stand.
        </p>
      )}
      <p className="text-muted-foreground">
        At most once per local day, and at least 22 hours after the last run. <LastRun schedule={schedule} />
        {schedule.owner && <> Set up by {schedule.owner.name}; its runs share in their name.</>}
      </p>
    </div>
  );
}
