import { RecentChanges, type SettingChange } from '@/components/cards/recent-changes';

function describe(value: unknown): string {
  const s = (value ?? {}) as { enabled?: boolean; timeOfDay?: string; timeZone?: string; onlyRepliedChats?: boolean };
  if (!s.enabled) return 'off';
  return `every day at ${s.timeOfDay} ${s.timeZone}${s.onlyRepliedChats ? ', only chats where the customer has written' : ''}`;
}

function say(change: SettingChange): string {
  if (change.kind === 'SCHEDULE_TAKEN_OVER')
    return `${change.actor.name} took it over from ${(change.before as { owner?: string } | null)?.owner ?? 'someone who can no longer share'}.`;
  return `${change.actor.name} changed it from ${describe(change.before)} to ${describe(change.after)}.`;
}

/** Who changed the number's daily re-share, when, from what to what. */
export function ScheduleChanges({ changes }: { changes: SettingChange[] }) {
  return <RecentChanges changes={changes} say={say} />;
}
