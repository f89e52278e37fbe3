import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { BackgroundWork } from '@/lib/data/settings';

const STATUS_TONE = { RUNNING: 'info', COMPLETED: 'success', SUCCEEDED: 'success', FAILED: 'danger', INTERRUPTED: 'warning' } as const;
const STATUS_LABEL = {
  RUNNING: 'Running',
  COMPLETED: 'Completed',
  SUCCEEDED: 'Done',
  FAILED: 'Failed',
  INTERRUPTED: 'Interrupted (the console stopped)',
} as const;
const TRIGGER = { STARTUP: 'First start', SCHEDULE: 'Schedule', MANUAL: 'Sync now' } as const;

/** Each queue's work in plain words (the queue's name stays in the job's title, for whoever hosts it). */
const JOB_NAMES: Record<string, string> = {
  'chats.sync': 'Full sync of the chat index',
  'webhooks.apply': 'Applying webhook deliveries',
  'runs.share': 'Sharing run',
  'console.tick': 'Every-minute upkeep (schedules, retries, clean-up)',
};

/** "Bulk share of 1 Dec 2026, 12:03" linking to the run; else the queue's plain name. */
function JobName({ job }: { job: BackgroundWork['jobs'][number] }) {
  if (job.run) {
    return (
      <Link href={`/runs/${job.run.id}`} className="font-medium text-primary underline-offset-2 hover:underline">
        {job.run.source === 'SCHEDULED' ? 'Daily re-share' : 'Bulk share'} of <DateTime value={job.run.createdAt} />
      </Link>
    );
  }
  return <span title={job.queue}>{JOB_NAMES[job.queue] ?? job.queue}</span>;
}

function duration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.round(ms / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

/** What ran in the background, when, for how long, and how it ended. */
export function BackgroundWorkSection({ work }: { work: BackgroundWork }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Background work</CardTitle>
        <CardDescription>
          {work.workers ? 'This console runs background jobs' : 'This console only serves pages (BACKGROUND_JOBS=off); other instances run the jobs'}. A full
          sync of the chat index runs every {work.syncIntervalMinutes} minutes (CHAT_SYNC_INTERVAL_MINUTES) and on demand.
          {work.lastFailure && (
            <>
              {' '}
              Last error: {JOB_NAMES[work.lastFailure.queue] ?? work.lastFailure.queue}, <DateTime value={work.lastFailure.startedAt} />:{' '}
              {work.lastFailure.error}
            </>
          )}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-6 p-0 pb-2">
        <Table aria-label="Chat syncs">
          <TableHeader>
            <TableRow>
              <TableHead>Sync</TableHead>
              <TableHead>Started</TableHead>
              <TableHead className="text-right">Chats seen</TableHead>
              <TableHead className="text-right">New</TableHead>
              <TableHead className="text-right">Changed</TableHead>
              <TableHead className="text-right">Gone</TableHead>
              <TableHead className="text-right">Messages read</TableHead>
              <TableHead className="text-right">Errors</TableHead>
              <TableHead>Took</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {work.syncs.map((sync) => (
              <TableRow key={sync.id}>
                <TableCell>
                  <Badge tone={STATUS_TONE[sync.status]}>{STATUS_LABEL[sync.status]}</Badge>{' '}
                  <span className="text-xs text-muted-foreground">{TRIGGER[sync.trigger]}</span>
                  {sync.lastError && <p className="max-w-80 text-xs text-muted-foreground">{sync.lastError}</p>}
                </TableCell>
                <TableCell className="whitespace-nowrap text-xs">
                  <DateTime value={sync.startedAt} />
                </TableCell>
                <TableCell className="text-right tabular-nums">{sync.chatsSeen.toLocaleString('en')}</TableCell>
                <TableCell className="text-right tabular-nums">{sync.chatsNew.toLocaleString('en')}</TableCell>
                <TableCell className="text-right tabular-nums">{sync.chatsChanged.toLocaleString('en')}</TableCell>
                <TableCell className="text-right tabular-nums">{sync.chatsGone.toLocaleString('en')}</TableCell>
                <TableCell className="text-right tabular-nums">{sync.messagesRead.toLocaleString('en')}</TableCell>
                <TableCell className="text-right tabular-nums">{sync.errors.toLocaleString('en')}</TableCell>
                <TableCell className="whitespace-nowrap text-xs">{sync.status === 'RUNNING' ? `${sync.phase}…` : duration(sync.durationMs)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Table aria-label="Jobs">
          <TableHeader>
            <TableRow>
              <TableHead>Job</TableHead>
              <TableHead>Started</TableHead>
              <TableHead>Took</TableHead>
              <TableHead>Outcome</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {work.jobs.map((job) => (
              <TableRow key={job.id}>
                <TableCell className="text-xs">
                  <JobName job={job} />
                </TableCell>
                <TableCell className="whitespace-nowrap text-xs">
                  <DateTime value={job.startedAt} />
                </TableCell>
                <TableCell className="whitespace-nowrap text-xs">{duration(job.durationMs)}</TableCell>
                <TableCell className="text-xs">
                  <Badge tone={STATUS_TONE[job.status]}>{STATUS_LABEL[job.status]}</Badge> {job.error ?? job.summary}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
