import Link from 'next/link';
import { formatCount } from '@/lib/format';
import { historyHref } from '@/lib/links';
import { reportSentence, SECTION_HISTORY_OUTCOME, SECTION_LABELS } from '@/lib/runs/report';
import type { RunView } from '@/lib/runs/view';

/** The report of a run that stands still: each outcome with its reasons, linked to its History rows. */
export function RunReport({ run }: { run: RunView }) {
  if (run.report.length === 0) return null;
  return (
    <section aria-labelledby="run-report" className="flex flex-col gap-3">
      <h2 id="run-report" className="text-lg font-semibold">
        Report
      </h2>
      <p className="text-sm">{reportSentence(run.report)}.</p>
      <ul className="flex flex-col gap-2 text-sm">
        {run.report.map((line) => {
          const outcome = SECTION_HISTORY_OUTCOME[line.section];
          const label = `${SECTION_LABELS[line.section]}: ${formatCount(line.count)}`;
          return (
            <li key={line.section} className="rounded-md border px-3 py-2">
              {outcome ? (
                <Link
                  href={historyHref({ tab: 'shares', run: run.id, outcome, latest: '1' })}
                  className="font-medium text-primary underline-offset-2 hover:underline"
                >
                  {label}
                  <span className="sr-only"> (open in History)</span>
                </Link>
              ) : (
                <span className="font-medium">{label}</span>
              )}
              {line.reasons.length > 0 && (
                <ul className="mt-1 text-muted-foreground">
                  {line.reasons.map((reason) => (
                    <li key={reason.reason ?? 'other'}>
                      {reason.label}: {formatCount(reason.count)}
                      {reason.docUrl && (
                        <>
                          {' '}
                          (
                          <a href={reason.docUrl} target="_blank" rel="noreferrer" className="text-primary underline underline-offset-2">
                            see Linq’s page<span className="sr-only"> about {reason.label}</span>
                          </a>
                          )
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
