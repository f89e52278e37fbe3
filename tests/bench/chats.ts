// The chats page against 10 000 sandbox chats with 50 ms added to every Linq request, pages of
// 50: Linq calls and wall time for a cold view (nothing known yet), a warm view (the same pages
// again), and the naive approach of reading every chat's messages on every view.
import { benchDatabase, machine, median, writeResults } from './setup';

const CHATS = 10_000;
const LATENCY_MS = 50;
const PAGE_SIZE = 50;
const PAGES = 5;
const API_KEY = 'bench-key';

export async function runChatsBench(): Promise<string> {
  const database = await benchDatabase();
  const { startSandbox } = await import('@/lib/sandbox/server');
  const { createLinqClient } = await import('@/lib/linq/client');
  const { LinqGateway } = await import('@/lib/linq/gateway');
  const { loadChatPage } = await import('@/lib/chats/page');
  const { checkOutbound, OUTBOUND_CHECK_CONCURRENCY } = await import('@/lib/chats/outbound');
  const { mapWithConcurrency } = await import('@/lib/concurrency');

  const sandbox = await startSandbox({ apiKey: API_KEY, chatCount: CHATS, behaviour: { latencyMs: LATENCY_MS } });
  const linq = new LinqGateway(createLinqClient({ apiKey: API_KEY, baseUrl: sandbox.baseUrl }));
  const cooldownMs = 24 * 3_600_000;
  const query = (cursor?: string) => ({ limit: PAGE_SIZE as 50, cursor, show: 'all' as const, from: undefined, to: undefined });

  async function measure(view: () => Promise<void>) {
    const before = sandbox.store.requestLog.length;
    const started = performance.now();
    await view();
    return { calls: sandbox.store.requestLog.length - before, ms: performance.now() - started };
  }

  // The console: the server renders the page, then the browser has the unknown chats checked.
  const consoleView = (cursor?: string) => async () => {
    const page = await loadChatPage(query(cursor), linq, cooldownMs);
    const unknown = page.rows.filter((row) => row.outbound === 'unknown').map((row) => row.id);
    if (unknown.length > 0) await checkOutbound(unknown, linq);
  };
  // Naive: every view reads every chat's messages, nothing kept.
  const naiveView = (cursor?: string) => async () => {
    const [page] = await Promise.all([linq.listChats({ limit: PAGE_SIZE, cursor }), linq.listContactCards()]);
    await mapWithConcurrency(page.items, OUTBOUND_CHECK_CONCURRENCY, (chat) => linq.hasOutboundMessage(chat.id));
  };

  const cursors = Array.from({ length: PAGES }, (_, i) => (i === 0 ? undefined : String(i * PAGE_SIZE)));
  const results: Record<string, Array<{ calls: number; ms: number }>> = { cold: [], warm: [], naive: [] };
  for (const cursor of cursors) results.cold!.push(await measure(consoleView(cursor)));
  for (const cursor of cursors) results.warm!.push(await measure(consoleView(cursor)));
  for (const cursor of cursors) results.naive!.push(await measure(naiveView(cursor)));

  await sandbox.close();
  await database.close();

  const row = (label: string, runs: Array<{ calls: number; ms: number }>) =>
    `| ${label} | ${runs.map((r) => r.calls).join(', ')} | ${median(runs.map((r) => r.calls))} | ${Math.round(median(runs.map((r) => r.ms)))} ms | ${Math.round(Math.max(...runs.map((r) => r.ms)))} ms |`;
  const markdown = `# Chats page benchmark

\`npm run bench -- chats\` · ${machine()}

${CHATS.toLocaleString('en')} sandbox chats, ${LATENCY_MS} ms added to every Linq request, pages of ${PAGE_SIZE}, the first ${PAGES} pages.
A view is what a staff member waits for: the page (chats, cards, and the lines every 5 minutes)
plus the outbound checks the browser asks for (messages of ${OUTBOUND_CHECK_CONCURRENCY} chats at a time).

| View | Linq calls per page | Median calls | Median wall time | Slowest |
|---|---|---|---|---|
${row('Console, cold (nothing known)', results.cold!)}
${row('Console, warm (same pages again)', results.warm!)}
${row('Naive (every chat’s messages, every view)', results.naive!)}

Target: a warm view makes at most 2 Linq round-trips. Result: **${median(results.warm!.map((r) => r.calls))}** (chats + cards).
The first cold page also reads the account's lines once (cached for 5 minutes).
`;
  writeResults('chats', markdown);
  return markdown;
}
