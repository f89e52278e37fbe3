'use client';

import { useQuery } from '@tanstack/react-query';
import { Download } from 'lucide-react';
import Link from 'next/link';
import { RunControls } from '@/components/runs/run-controls';
import { RunProgress } from '@/components/runs/run-progress';
import { runQuery } from '@/components/runs/run-queries';
import { RunReport } from '@/components/runs/run-report';
import { RunStatusBadge } from '@/components/runs/run-status-badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { historyHref } from '@/lib/links';
import { describeScope } from '@/lib/runs/describe-scope';
import type { RunView } from '@/lib/runs/view';

/** A run's page: who and what, the live bar, the controls, and the report once it stands still. */
export function RunDetails({
  initialRun,
  canControl,
  canExport,
  canTakeOver,
}: {
  initialRun: RunView;
  canControl: boolean;
  canExport: boolean;
  canTakeOver: boolean;
}) {
  const { data: run, error } = useQuery({ ...runQuery(initialRun.id), initialData: initialRun });
  const scope = describeScope(run.scope);

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardContent className="flex flex-col gap-5 pt-5">
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
            <RunStatusBadge phase={run.phase.kind} />
            <span>
              {run.source === 'SCHEDULED' ? (
                <>
                  Started by the daily re-share of {run.schedulePhone}, set up by {run.owner.name},{' '}
                </>
              ) : (
                <>Bulk share started by {run.owner.name}, </>
              )}
              <DateTime value={run.createdAt} />
              {run.finishedAt && (
                <>
                  ; ended <DateTime value={run.finishedAt} />
                </>
              )}
            </span>
          </div>
          <p className="text-sm text-muted-foreground">
            {scope.href ? (
              <Link href={scope.href} className="text-primary underline-offset-2 hover:underline">
                {scope.text}
              </Link>
            ) : (
              scope.text
            )}
            {run.scheduleDate && <> (for {run.scheduleDate})</>}. The chats were fixed when it started.
          </p>
          <RunProgress run={run} />
          {error && (
            <p role="status" className="text-sm text-muted-foreground">
              {error.message}
            </p>
          )}
          {run.lastError && <p className="text-sm text-muted-foreground">Last console error (the chat was tried again): {run.lastError}</p>}
          <div className="flex flex-wrap gap-2">
            {canControl && <RunControls run={run} canTakeOver={canTakeOver} />}
            {run.retriedByRunId && (
              <Button asChild variant="outline">
                <Link href={`/runs/${run.retriedByRunId}`}>See the run that retried its failed chats</Link>
              </Button>
            )}
            <Button asChild variant="outline">
              <Link href={historyHref({ tab: 'shares', run: run.id })}>See every attempt in History</Link>
            </Button>
            {canExport && (
              <Button asChild variant="outline">
                <a href={`/api/runs/${run.id}/export`} download>
                  <Download aria-hidden /> Export CSV
                </a>
              </Button>
            )}
          </div>
        </CardContent>
      </Card>
      {run.report.length > 0 && (
        <Card>
          <CardContent className="pt-5">
            <RunReport run={run} />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
