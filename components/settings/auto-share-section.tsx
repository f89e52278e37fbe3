import Link from 'next/link';
import { AutoSharePauseButton } from '@/components/settings/auto-share-pause';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import type { AutoShareAccount } from '@/lib/auto/panel';

/** The account-wide switch for automatic shares, with the numbers they are on for. */
export function AutoShareSection({ account }: { account: AutoShareAccount }) {
  const { pause, numbers, waiting } = account;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Automatic share</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        <p role="status">
          {pause.paused ? (
            <>
              <strong>Paused</strong>
              {pause.changedBy && ` by ${pause.changedBy}`}
              {pause.changedAt && (
                <>
                  {' '}
                  since <DateTime value={pause.changedAt} />
                </>
              )}
              : nothing is shared automatically; {waiting} waiting will decide afresh when resumed.
            </>
          ) : numbers.length === 0 ? (
            'No number shares its card automatically. Set it up on a number’s card page.'
          ) : (
            `Running for ${numbers.length} number${numbers.length === 1 ? '' : 's'}; ${waiting} waiting.`
          )}
        </p>
        {numbers.length > 0 && (
          <ul className="flex flex-col gap-1">
            {numbers.map((number) => (
              <li key={number.phoneNumber}>
                <Link href={`/cards/${encodeURIComponent(number.phoneNumber)}`} className="underline underline-offset-2">
                  {number.phoneNumber}
                </Link>{' '}
                <span className="text-muted-foreground">
                  set up by {number.owner}
                  {!number.ownerCanShare && ' (stopped: they can no longer share)'}
                </span>
              </li>
            ))}
          </ul>
        )}
        <div>
          <AutoSharePauseButton paused={pause.paused} />
        </div>
      </CardContent>
    </Card>
  );
}
