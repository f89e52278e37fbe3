// A console instance working one run directly (no queue), as a separate process, for the crash
// tests: with CONSOLE_KILL_AT it kills itself at that point between a share's writes.
// Run with `tsx --conditions=react-server`, DATABASE_URL, LINQ_API_BASE_URL and RUN_ID set.
import { getBackgroundLinq } from '@/lib/linq';
import { runSlice } from '@/lib/runs/process';

const runId = process.env.RUN_ID!;
for (let slice = 0; slice < 50; slice++) {
  const outcome = await runSlice(runId, { linq: getBackgroundLinq(), budgetMs: 30_000, concurrency: 1 });
  if (outcome.kind !== 'continue') break;
}
console.log('run slice process: done without being killed');
process.exit(0);
