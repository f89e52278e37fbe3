import { DateTime } from '@/components/ui/date-time';

interface ScheduleChange {
  id: string;
  kind: 'SCHEDULE_CHANGED' | 'SCHEDULE_TAKEN_OVER' | string;
  createdAt: Date;
  actor: { name: string };
  before: unknown;
  after: unknown;
}

function describe(value: unknown): string {
  const s = (value ?? {}) as { enabled?: boolean; timeOfDay?: string; timeZone?: string; onlyRepliedChats?: boolean };
  if (!s.enabled) return 'off';
  return `every day at ${s.timeOfDay} ${s.timeZone}${s.onlyRepliedChats ? ', only chats where the customer has written' : ''}`;
}

/** Who changed the number's daily re-share, when, from what to what. */
export function ScheduleChanges({ changes }: { changes: ScheduleChange[] }) {
  if (changes.length === 0) return null;
  return (
    <div className="text-sm">
      <h3 className="font-medium">Recent changes</h3>
      <ul className="mt-1 flex flex-col gap-1 text-muted-foreground">
        {changes.map((change) => (
          <li key={change.id}>
            <DateTime value={change.createdAt} />:{' '}
            {change.kind === 'SCHEDULE_TAKEN_OVER'
              ? `${change.actor.name} took it over from ${(change.before as { owner?: string } | null)?.owner ?? 'someone who can no longer share'}.`
              : `${change.actor.name} changed it from ${describe(change.before)} to ${describe(change.after)}.`}
          </li>
        ))}
      </ul>
    </div>
  );
}
