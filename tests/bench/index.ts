// The chat index at scale (`npm run bench -- index`): pages over 100 000 chats, a full sync of
// 10 000 chats through a slow Linq, and a burst of webhooks, on PostgreSQL and on the embedded
// database. Each measurement runs in a process of its own (tests/bench/index-child.ts).
import { spawnSync } from 'node:child_process';
import { machine, writeResults } from './setup';

export type Stats = { p50: number; p95: number };
export interface PagesResult {
  size: number;
  seedSeconds: number;
  results: Array<{ label: string; total: number; deepOffset: number; first: Stats & { rows: number }; deep: (Stats & { rows: number }) | null }>;
  /** The counts beside the filters from the cells, and from a pass over every chat. */
  counts: Stats;
  countsEveryChat: Stats;
  cells: { cells: number; deltas: number };
  plans: Record<string, string>;
  view: Stats;
  linqCallsPerView: number;
}
interface SyncRun {
  seconds: number;
  status: string;
  chatsSeen: number;
  listPages: number;
  messageReads: number;
  otherCalls: number;
  messagesRead: number;
}
interface SyncResult {
  latencyMs: number;
  readConcurrency: number;
  chats: number;
  indexed: number;
  first: SyncRun;
  second: SyncRun;
}
export interface WebhooksResult {
  sent: number;
  unique: number;
  statuses: Record<string, number>;
  duplicates: number;
  recorded: number;
  applied: number;
  applySeconds: number;
  /** Each part: its answer times, and how many INSERT statements stored its new deliveries. */
  parts: Array<Stats & { inFlight: number; applyBeside: boolean; seconds: number; inserts: number | null }>;
}

const DATABASES = ['postgres', 'embedded'] as const;
export const LABEL = { postgres: 'PostgreSQL 15', embedded: 'embedded (PGlite)' };

/** One measurement in a process of its own; `args` go after the kind and the database (pages: the size). */
export function child<T>(kind: string, database: string, ...args: string[]): T {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'tests/bench/index-child.ts', kind, database, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.status !== 0 || !line.startsWith('{')) throw new Error(`index bench ${kind} on ${database} failed:\n${result.stdout}`);
  return JSON.parse(line) as T;
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

function pagesSection(database: (typeof DATABASES)[number], r: PagesResult): string {
  const worst = Math.max(...r.results.flatMap((s) => [s.first.p95, s.deep?.p95 ?? 0]));
  return `### ${LABEL[database]}

100 000 chats on 5 numbers (seeded in ${r.seedSeconds.toFixed(1)} s), one in seven shared over the last three days; pages of 50
through \`queryChatIndex\`, the function the Chats page uses, each run 25 times. The deep page starts 80 % of the way
through the filter's chats (at most row 50 000), with the keyset cursor the page's "Next" link carries.

| Filter | Chats | First page p50 | p95 | Deep page (from row) | p50 | p95 |
|---|---|---|---|---|---|---|
${r.results
  .map(
    (s) =>
      `| ${s.label} | ${s.total.toLocaleString('en')} | ${ms(s.first.p50)} | ${ms(s.first.p95)} | ${s.deep ? s.deepOffset.toLocaleString('en') : '—'} | ${s.deep ? ms(s.deep.p50) : '—'} | ${s.deep ? ms(s.deep.p95) : '—'} |`,
  )
  .join('\n')}

Worst p95: **${ms(worst)}** (target < 50 ms). A whole page view (rows, numbers, index status): p50 ${ms(r.view.p50)}, p95 ${ms(r.view.p95)},
**${r.linqCallsPerView} Linq calls**. The counts beside the filters (fetched apart from the page), from the ${r.cells.cells.toLocaleString('en')} counted cells:
p50 ${ms(r.counts.p50)}, p95 ${ms(r.counts.p95)}; one pass over every chat, which the cells replace: p50 ${ms(r.countsEveryChat.p50)}.
`;
}

function syncSection(database: (typeof DATABASES)[number], r: SyncResult): string {
  const bound = (run: SyncRun) => (run.listPages * r.latencyMs) / 1000 + (run.messageReads * r.latencyMs) / 1000 / r.readConcurrency;
  const row = (name: string, run: SyncRun) =>
    `| ${name} | ${run.status.toLowerCase()}, ${run.chatsSeen.toLocaleString('en')} listed | ${run.listPages} | ${run.messageReads.toLocaleString('en')} | ${run.otherCalls} | ${run.seconds.toFixed(1)} s | ${bound(run).toFixed(1)} s |`;
  return `### ${LABEL[database]}, ${r.readConcurrency} message reads at a time

| Sync | Outcome | List pages | Message reads | Other calls | Wall time | Bound set by the calls |
|---|---|---|---|---|---|---|
${row('First (empty index)', r.first)}
${row('Second (nothing changed)', r.second)}

The bound: list pages one after another (each needs the previous cursor) plus message reads ${r.readConcurrency} at a time, ${r.latencyMs} ms each.
Calls' bound: 100 list pages + one messages read per chat whose outbound presence is unknown (${r.chats.toLocaleString('en')} the first time,
none the second); "other calls" are the numbers and their cards (2 per sync). ${r.indexed.toLocaleString('en')} chats indexed.
`;
}

/** "20 at a time", or "20 at a time, apply job beside". */
export const partLabel = (part: WebhooksResult['parts'][number]) => `${part.inFlight} at a time${part.applyBeside ? ', apply job beside' : ''}`;

function webhooksSection(database: (typeof DATABASES)[number], r: WebhooksResult): string {
  const answers = r.parts.map((p) => `${partLabel(p)}: p50 ${ms(p.p50)}, p95 **${ms(p.p95)}**`).join('; ');
  return `| ${LABEL[database]} | ${r.sent} (${r.unique} + ${r.sent - r.unique} repeats) | ${Object.entries(r.statuses)
    .map(([s, n]) => `${n}× ${s}`)
    .join(', ')} | ${answers} | ${r.duplicates} | ${r.recorded} | ${r.applied} in ${r.applySeconds.toFixed(1)} s |`;
}

export async function runIndexBench(): Promise<string> {
  const pages = DATABASES.map((db) => [db, child<PagesResult>('pages', db)] as const);
  const syncs = DATABASES.map((db) => [db, child<SyncResult>('sync', db)] as const);
  const hooks = DATABASES.map((db) => [db, child<WebhooksResult>('webhooks', db)] as const);
  const markdown = `# Chat index benchmark

\`npm run bench -- index\` · ${machine()} · PostgreSQL 15 on 127.0.0.1 and PGlite 0.5 in-process

## Chats page over 100 000 chats

${pages.map(([db, r]) => pagesSection(db, r)).join('\n')}
## Full sync of 10 000 sandbox chats, ${syncs[0]![1].latencyMs} ms added to every Linq request

${syncs.map(([db, r]) => syncSection(db, r)).join('\n')}
## Webhooks: 1 400 deliveries in a burst

Sent to the webhook route handler (\`POST\` of \`app/api/webhooks/linq/route.ts\`, behind a plain Node HTTP server;
Next.js's own routing is not included) from a worker thread, as Linq sends from machines of its own; each delivery is
signed with the Standard Webhooks scheme beforehand, and 100 are repeats of earlier webhook-ids, spread through the
burst. The burst goes in four parts: 200 one at a time (what an answer itself costs), 400 five at a time, 400 twenty
at a time; then the \`webhooks.apply\` job's function applies what was recorded (the "Applied" time); then 400 more
twenty at a time while that function works beside the route, as the job does in the console. The route stores
deliveries that arrive together in one INSERT and answers each once its row is stored. Repeated runs: \`npm run bench
-- webhooks\` ([webhooks.md](webhooks.md)).

| Database | Deliveries | Answers | Answer time (target p95 < 50 ms) | Repeats recognised | Recorded | Applied |
|---|---|---|---|---|---|---|
${hooks.map(([db, r]) => webhooksSection(db, r)).join('\n')}

With twenty deliveries in flight on this two-core machine, the sender, the console and the database share the CPU, and
an answer waits behind the others' work: that is what the 20-at-a-time p95 measures. The embedded database runs on the
console's own thread, so there every answer also waits for the other deliveries' statements.
`;
  writeResults('index', markdown);
  return markdown;
}
