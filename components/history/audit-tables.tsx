import { RelativeTime } from '@/components/ui/date-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { SettingsChangeRow, StaffChangeRow } from '@/lib/history/audit';
import { ROLE_LABELS, type Role } from '@/lib/roles';

const KINDS: Record<StaffChangeRow['kind'], string> = {
  CREATED: 'Added',
  ROLE_CHANGED: 'Role changed',
  DISABLED: 'Disabled',
  ENABLED: 'Enabled',
  PASSWORD_RESET: 'Password reset',
  PASSWORD_LINK_CREATED: 'Set-password link made',
  PASSWORD_SET: 'Password set with a link',
  PASSWORD_CHANGED: 'Changed their password',
  SECOND_FACTOR_ON: 'Authenticator app turned on',
  SECOND_FACTOR_OFF: 'Authenticator app turned off',
  SECOND_FACTOR_RESET: 'Second factor reset',
  INVITATION_EMAILED: 'Set-password link emailed',
  JOINED_THROUGH_SSO: 'Joined through single sign-on',
  PASSKEY_ADDED: 'Passkey added',
  PASSKEY_REMOVED: 'Passkey removed',
  NUMBERS_CHANGED: 'Numbers changed',
};

function describe(state: unknown): string {
  if (!state || typeof state !== 'object') return '—';
  const { role, disabled, numbers } = state as { role?: Role; disabled?: boolean; numbers?: string[] | null };
  // A change of numbers records only the numbers: null is every number.
  if (numbers !== undefined) return numbers === null ? 'Every number' : numbers.length ? numbers.join(', ') : 'No number';
  return [role && ROLE_LABELS[role], disabled ? 'disabled' : 'active'].filter(Boolean).join(', ');
}

export function StaffHistoryTable({ rows }: { rows: StaffChangeRow[] }) {
  if (rows.length === 0) return <p className="p-6 text-sm text-muted-foreground">No staff change matches these filters.</p>;
  return (
    <Table aria-label="Staff changes">
      <TableHeader>
        <TableRow>
          <TableHead>Time</TableHead>
          <TableHead>Change</TableHead>
          <TableHead>Account</TableHead>
          <TableHead>By</TableHead>
          <TableHead>Before</TableHead>
          <TableHead>After</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableCell className="whitespace-nowrap text-xs text-muted-foreground">
              <RelativeTime value={row.createdAt} />
            </TableCell>
            <TableCell>{KINDS[row.kind]}</TableCell>
            <TableCell>
              {row.target.name} <span className="text-xs text-muted-foreground">{row.target.email}</span>
            </TableCell>
            <TableCell>{row.actor?.name ?? '—'}</TableCell>
            <TableCell className="text-muted-foreground">{describe(row.before)}</TableCell>
            <TableCell>{describe(row.after)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const SETTINGS_KINDS: Record<SettingsChangeRow['kind'], string> = {
  WEBHOOK_CONNECTED: 'Webhooks connected',
  WEBHOOK_DISCONNECTED: 'Webhooks disconnected',
  SCHEDULE_CHANGED: 'Daily re-share changed',
  RUN_TAKEN_OVER: 'Run taken over',
  SCHEDULE_TAKEN_OVER: 'Daily re-share taken over',
  AUTO_SHARE_CHANGED: 'Automatic share changed',
  AUTO_SHARES_PAUSED: 'All automatic shares paused',
  AUTO_SHARES_RESUMED: 'Automatic shares resumed',
  ALERT_CHANNEL_CHANGED: 'Alert channel changed',
  ALERT_EVENTS_CHANGED: 'Alert events changed',
  SECOND_FACTOR_RULE_CHANGED: 'Second factor rule changed',
  SSO_CHANGED: 'Single sign-on changed',
};

/** A recorded setting as staff read it: its fields, without the braces. */
function describeSetting(state: unknown): string {
  if (!state || typeof state !== 'object') return '—';
  return Object.entries(state as Record<string, unknown>)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)
    .join('; ');
}

export function SettingsHistoryTable({ rows }: { rows: SettingsChangeRow[] }) {
  if (rows.length === 0) return <p className="p-6 text-sm text-muted-foreground">No settings change matches these filters.</p>;
  return (
    <Table aria-label="Settings changes">
      <TableHeader>
        <TableRow>
          <TableHead>Time</TableHead>
          <TableHead>Change</TableHead>
          <TableHead>By</TableHead>
          <TableHead>Before</TableHead>
          <TableHead>After</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            <TableCell className="whitespace-nowrap text-xs text-muted-foreground">
              <RelativeTime value={row.createdAt} />
            </TableCell>
            <TableCell>
              {SETTINGS_KINDS[row.kind]}
              {row.subject && <span className="block break-all text-xs text-muted-foreground">{row.subject}</span>}
            </TableCell>
            <TableCell>{row.actor.name}</TableCell>
            <TableCell className="max-w-80 break-words text-xs text-muted-foreground">{describeSetting(row.before)}</TableCell>
            <TableCell className="max-w-80 break-words text-xs">{describeSetting(row.after)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
