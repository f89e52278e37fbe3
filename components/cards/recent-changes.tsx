import { DateTime } from '@/components/ui/date-time';

/** A recorded change of a number's settings (SettingsChange), as the card page lists it. */
export interface SettingChange {
  id: string;
  kind: string;
  createdAt: Date;
  actor: { name: string };
  before: unknown;
  after: unknown;
}

/** Who changed one of the number's settings, when, and what: one sentence each, newest first. */
export function RecentChanges({ changes, say }: { changes: SettingChange[]; say: (change: SettingChange) => string }) {
  if (changes.length === 0) return null;
  return (
    <div className="text-sm">
      <h3 className="font-medium">Recent changes</h3>
      <ul className="mt-1 flex flex-col gap-1 text-muted-foreground">
        {changes.map((change) => (
          <li key={change.id}>
            <DateTime value={change.createdAt} />: {say(change)}
          </li>
        ))}
      </ul>
    </div>
  );
}
