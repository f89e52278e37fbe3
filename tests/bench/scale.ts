// The Chats page at ten times the index benchmark (`npm run bench -- scale`; SCALE_CHATS sets the
// large size, 1 000 000 by default): the same seeding and filters as `index` (tests/bench/index-child.ts),
// at 100 000 chats and at the large size, on PostgreSQL and on the embedded database, with how each
// figure grows and the plans of the counts and the slowest first pages.
import { child, LABEL, ms, type PagesResult } from './index';
import { machine, writeResults } from './setup';

const SMALL = 100_000;
const LARGE = Number(process.env.SCALE_CHATS ?? 1_000_000);
const TARGETS = {
  postgres: { page: 20, counts: 100, view: 50 },
  embedded: { page: 50, counts: 300, view: null },
} as const;

type Database = keyof typeof TARGETS;

const worstPage = (r: PagesResult) => Math.max(...r.results.flatMap((s) => [s.first.p95, s.deep?.p95 ?? 0]));
const growth = (small: number, large: number) => `×${(large / small).toFixed(1)}`;
const verdict = (value: number, target: number | null) => (target === null ? '' : value < target ? ' ✓' : ' ✗');

function section(database: Database, small: PagesResult, large: PagesResult): string {
  const target = TARGETS[database];
  const rows = large.results.map((l) => {
    const s = small.results.find((r) => r.label === l.label)!;
    const deep = (r: typeof l) => (r.deep ? ms(r.deep.p95) : '—');
    return `| ${l.label} | ${l.total.toLocaleString('en')} | ${ms(s.first.p95)} | ${ms(l.first.p95)}${verdict(l.first.p95, target.page)} | ${deep(s)} | ${deep(l)}${l.deep ? verdict(l.deep.p95, target.page) : ''} |`;
  });
  return `## ${LABEL[database]}

Seeded in ${small.seedSeconds.toFixed(1)} s (${SMALL.toLocaleString('en')}) and ${large.seedSeconds.toFixed(1)} s (${LARGE.toLocaleString('en')}). Pages of 50, p95 of 25 runs each;
the deep page starts 80 % of the way through the filter's chats (at most half the index in).

| Filter | Chats at ${LARGE.toLocaleString('en')} | First page p95, ${SMALL.toLocaleString('en')} | ${LARGE.toLocaleString('en')} (target < ${target.page} ms) | Deep page p95, ${SMALL.toLocaleString('en')} | ${LARGE.toLocaleString('en')} |
|---|---|---|---|---|---|
${rows.join('\n')}

| Figure | ${SMALL.toLocaleString('en')} chats | ${LARGE.toLocaleString('en')} chats | Growth | Target |
|---|---|---|---|---|
| Worst page p95 | ${ms(worstPage(small))} | ${ms(worstPage(large))}${verdict(worstPage(large), target.page)} | ${growth(worstPage(small), worstPage(large))} | < ${target.page} ms |
| Counts beside the filters, from the cells, p50 | ${ms(small.counts.p50)} | ${ms(large.counts.p50)} | ${growth(small.counts.p50, large.counts.p50)} | |
| Counts beside the filters, from the cells, p95 | ${ms(small.counts.p95)} | ${ms(large.counts.p95)}${verdict(large.counts.p95, target.counts)} | ${growth(small.counts.p95, large.counts.p95)} | < ${target.counts} ms |
| Counts by one pass over every chat (replaced), p50 | ${ms(small.countsEveryChat.p50)} | ${ms(large.countsEveryChat.p50)} | ${growth(small.countsEveryChat.p50, large.countsEveryChat.p50)} | |
| Cells (and deltas not yet folded) | ${small.cells.cells.toLocaleString('en')} (${small.cells.deltas}) | ${large.cells.cells.toLocaleString('en')} (${large.cells.deltas}) | | |
| Whole page view p95 (rows, numbers, index status) | ${ms(small.view.p95)} | ${ms(large.view.p95)}${verdict(large.view.p95, target.view ?? Infinity)} | ${growth(small.view.p95, large.view.p95)} | ${target.view ? `< ${target.view} ms` : ''} |
| Linq calls per page view | ${small.linqCallsPerView} | ${large.linqCallsPerView} | | 0 |

### Plans at ${LARGE.toLocaleString('en')} chats

${Object.entries(large.plans)
  .map(([label, plan]) => `${label}:\n\n\`\`\`\n${plan}\n\`\`\``)
  .join('\n\n')}
`;
}

export async function runScaleBench(): Promise<string> {
  const measured = (['postgres', 'embedded'] as const).map((database) => {
    const small = child<PagesResult>('pages', database, String(SMALL));
    const large = child<PagesResult>('pages', database, String(LARGE));
    return section(database, small, large);
  });
  const markdown = `# A million chats

\`npm run bench -- scale\` · ${machine()} · PostgreSQL 15 on 127.0.0.1 and PGlite 0.5 in-process

The index benchmark's seeding (5 numbers, one chat in seven shared over the last three days, every service, health and
outbound state) at ${SMALL.toLocaleString('en')} and ${LARGE.toLocaleString('en')} chats. Pages go through \`queryChatIndex\` and the counts through
\`countChatIndex\`, the functions the Chats page uses. The counts read the counted cells (lib/chats/count-cells.ts): the
chats grouped by the facts the filters read and the hour of their last share, kept by triggers; the hour the cooldown's
cutoff falls in is read chat by chat from the index on "lastSharedAt".

${measured.join('\n')}`;
  writeResults('scale', markdown);
  return markdown;
}
