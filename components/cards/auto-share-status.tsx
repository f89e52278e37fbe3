import Link from 'next/link';
import { RecentChanges, type SettingChange } from '@/components/cards/recent-changes';
import { DateTime } from '@/components/ui/date-time';
import type { AutoSharePanel } from '@/lib/auto/panel';
import { autoReasonLabel, WAIT_REASONS } from '@/lib/auto/reasons';
import { historyHref } from '@/lib/links';

function describeRule(value: unknown): string {
  const r = (value ?? {}) as {
    enabled?: boolean;
    trigger?: string;
    delayMinutes?: number;
    quietStart?: string | null;
    quietEnd?: string | null;
    timeZone?: string;
    dailyCap?: number;
    includeGroups?: boolean;
  };
  if (!r.enabled) return 'off';
  const when = r.trigger === 'FIRST_REPLY' ? 'after the customer’s first reply' : 'after our first message';
  const quiet = r.quietStart && r.quietEnd ? `, quiet ${r.quietStart}–${r.quietEnd} ${r.timeZone}` : `, no quiet hours (${r.timeZone})`;
  return `${when}, ${r.delayMinutes} min later${quiet}, at most ${r.dailyCap} a day${r.includeGroups ? ', group chats too' : ''}`;
}

const sayChange = (change: SettingChange) => `${change.actor.name} changed it from ${describeRule(change.before)} to ${describeRule(change.after)}.`;

const OUTCOME_WORDS: Array<[string, string]> = [
  ['SHARED', 'shared'],
  ['UNKNOWN', 'unknown outcome (held as shared)'],
  ['SKIPPED', 'skipped'],
  ['FAILED', 'failed'],
];

/** "12 shared, 3 skipped (2 no active card, 1 opted out)": each outcome, and why the ones not sent were not. */
function describeOutcomes(outcomes: AutoSharePanel['outcomes']): string {
  return OUTCOME_WORDS.flatMap(([state, words]) => {
    const rows = outcomes.filter((row) => row.state === state);
    const total = rows.reduce((sum, row) => sum + row.count, 0);
    if (total === 0) return [];
    const why = state === 'SKIPPED' || state === 'FAILED' ? ` (${rows.map((row) => `${row.count} ${autoReasonLabel(row.reason)}`).join(', ')})` : '';
    return [`${total} ${words}${why}`];
  }).join(', ');
}

/**
 * What the number's automatic share is doing: held by the pause or an owner who can no longer share,
 * today's use of the cap, what waits and for what (with due times), and how those since it was
 * switched on ended. Figures come from the AutoShare rows the workers act on.
 */
export function AutoShareStatus({ phoneNumber, panel }: { phoneNumber: string; panel: AutoSharePanel }) {
  const { rule, pause, waitingBy, next, sentToday, outcomes, changes } = panel;
  const waiting = Object.values(waitingBy).reduce((sum, count) => sum + count, 0);
  const ended = describeOutcomes(outcomes);
  return (
    <div className="flex flex-col gap-3 text-sm" aria-label="Automatic share status" role="group">
      {pause.paused && (
        <p className="rounded-md border border-amber-600/40 bg-amber-50 p-3 text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          All automatic shares are paused{pause.changedBy ? ` by ${pause.changedBy}` : ''}
          {pause.changedAt && (
            <>
              {' '}
              since <DateTime value={pause.changedAt} />
            </>
          )}
          : what falls due waits until an admin resumes them in Settings.
        </p>
      )}
      {rule.enabled && rule.owner && !rule.owner.canShare && (
        <p className="rounded-md border border-destructive/40 p-3 text-destructive" role="status">
          Stopped: set up by {rule.owner.name}, who can no longer share. Save the rule to take it over; its shares will then be made in your name.
        </p>
      )}
      {rule.enabled && (
        <p>
          Today: <strong>{sentToday}</strong> of at most {rule.dailyCap} sent ({rule.timeZone}).
        </p>
      )}
      {waiting > 0 ? (
        <div>
          <p>
            <strong>{waiting}</strong> waiting:{' '}
            {Object.entries(waitingBy)
              .map(([reason, count]) => `${count} for ${WAIT_REASONS[reason] ?? reason}`)
              .join('; ')}
            .
          </p>
          <ul className="mt-1 flex flex-col gap-1 text-muted-foreground" aria-label="Next automatic shares">
            {next.map((share) => (
              <li key={share.chatId} className="break-words">
                <Link href={`/chats/${encodeURIComponent(share.chatId)}`} className="text-foreground underline-offset-2 hover:underline">
                  {share.label}
                </Link>
                : due <DateTime value={share.dueAt} />
                {share.reason && share.reason !== 'delay' ? `, waiting for ${WAIT_REASONS[share.reason] ?? share.reason}` : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        rule.enabled && <p className="text-muted-foreground">Nothing waiting.</p>
      )}
      {ended && (
        <p>
          Since it was switched on: {ended}.{' '}
          <Link href={historyHref({ tab: 'shares', source: 'AUTOMATIC', number: phoneNumber })} className="underline underline-offset-2">
            See them in History
          </Link>
        </p>
      )}
      <RecentChanges changes={changes} say={sayChange} />
    </div>
  );
}
