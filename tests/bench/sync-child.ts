// One console process working a sync run directly (no queue), for the sync benchmark: slices until
// the run ends, printing its resident memory every second as a JSON line. The bench kills one of
// these mid-crawl and starts another, which resumes from the run's checkpoint.
// Run with `tsx --conditions=react-server`, DATABASE_URL, LINQ_API_BASE_URL and RUN_ID set.
import { recordSyncResume, runSyncSlice } from '@/lib/chats/sync/slice';
import { getBackgroundLinq } from '@/lib/linq';

const runId = process.env.RUN_ID!;
if (process.env.RESUMING) await recordSyncResume(runId);
const report = () => console.log(JSON.stringify({ rss: process.memoryUsage().rss }));
const timer = setInterval(report, 1_000);
for (;;) {
  // As the sync job runs it on PostgreSQL (lib/jobs/handlers/sync.ts).
  const outcome = await runSyncSlice(runId, { linq: getBackgroundLinq(), budgetMs: 4 * 60_000, readConcurrency: 8 });
  if (outcome.kind === 'finished') break;
  if (outcome.kind === 'paused') await new Promise((resolve) => setTimeout(resolve, outcome.until.getTime() - Date.now()));
}
clearInterval(timer);
report();
process.exit(0);
