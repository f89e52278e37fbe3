// `npm run bench -- webhooks`: the webhook burst of the index benchmark (tests/bench/index-child.ts),
// run several times on each database, since on a shared two-core machine one run's p95 at twenty in
// flight moves by several milliseconds from run to run. Writes docs/benchmarks/webhooks.md.
import { child, LABEL, ms, partLabel, type WebhooksResult } from './index';
import { machine, writeResults } from './setup';

const RUNS = Number(process.env.WEBHOOK_RUNS ?? 5);
const DATABASES = ['postgres', 'embedded'] as const;
const TARGET_MS = 50;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

function section(database: (typeof DATABASES)[number], runs: WebhooksResult[]): string {
  const labels = runs[0]!.parts.map(partLabel);
  const rows = runs.map(
    (run, index) =>
      `| ${index + 1} | ${run.parts.map((part) => `${ms(part.p50)} / **${ms(part.p95)}**${part.inserts === null ? '' : ` (${part.inserts} INSERTs)`}`).join(' | ')} | ${run.duplicates} | ${run.recorded} | ${run.applied} |`,
  );
  const summary = labels.map((_, part) => {
    const p95s = runs.map((run) => run.parts[part]!.p95);
    return `median **${ms(median(p95s))}**, worst ${ms(Math.max(...p95s))}`;
  });
  const verdicts = runs[0]!.parts
    .map((part, index) => [part, runs.map((run) => run.parts[index]!.p95)] as const)
    .filter(([part]) => part.inFlight === 20)
    .map(([part, p95s]) => `${partLabel(part)}: ${p95s.filter((p95) => p95 < TARGET_MS).length} of ${runs.length} runs under the ${TARGET_MS} ms target.`);
  return `## ${LABEL[database]}

| Run | ${labels.map((label) => `${label}: p50 / p95`).join(' | ')} | Repeats recognised | Recorded | Applied |
|---|${labels.map(() => '---|').join('')}---|---|---|
${rows.join('\n')}
| p95 over the runs | ${summary.join(' | ')} | | | |

${verdicts.join('\n')}
`;
}

/** A run whose figures are fast because something was lost is no result. */
function checked(run: WebhooksResult, database: string): WebhooksResult {
  const repeats = run.sent - run.unique;
  if (run.statuses['200'] !== run.sent || run.recorded !== run.unique || run.duplicates !== repeats || run.applied !== run.unique)
    throw new Error(
      `webhooks on ${database}: answers ${JSON.stringify(run.statuses)}, ${run.recorded} recorded, ${run.duplicates} repeats, ${run.applied} applied`,
    );
  return run;
}

export async function runWebhooksBench(): Promise<string> {
  const results = DATABASES.map(
    (database) => [database, Array.from({ length: RUNS }, () => checked(child<WebhooksResult>('webhooks', database), database))] as const,
  );
  const markdown = `# Webhooks benchmark

\`npm run bench -- webhooks\` · ${machine()} · PostgreSQL 15 on 127.0.0.1 and PGlite in-process · ${RUNS} runs each

Each run: 1 400 signed deliveries (1 300 webhook-ids and 100 repeats) sent from a worker thread to the route handler
behind a plain Node HTTP server: 200 one at a time, 400 five at a time, 400 twenty at a time; then, once those are
applied, 400 more twenty at a time while the \`webhooks.apply\` job's function works beside the route, as in the
console. Answer times in milliseconds, and how many INSERT statements stored each part's new deliveries (the route
stores deliveries that arrive while a write is under way in the next one). Target: twenty at a time, p95 under
${TARGET_MS} ms. Every run checks that each webhook-id was recorded once, every repeat answered as one, and everything
applied afterwards.

${results.map(([database, runs]) => section(database, runs)).join('\n')}`;
  writeResults('webhooks', markdown);
  return markdown;
}
