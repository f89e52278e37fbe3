// The Linq sandbox for a benchmark in a process of its own, as Linq is: its work is then not counted
// as the console's, nor its memory. BENCH_SEEDED_CHATS chats of the demo account's mix (seed.ts), then
// BENCH_CHATS eligible ones (bench-chats.ts) as of BENCH_NOW; latency and faults are set through
// /__sandbox. Prints its addresses as one JSON line once listening.
// Run with `tsx --conditions=react-server`.
import { SANDBOX_API_KEY } from '@/lib/env';
import { startSandbox } from '@/lib/sandbox/server';
import { benchChat } from './bench-chats';

const count = Number(process.env.BENCH_CHATS ?? 0);
const now = Number(process.env.BENCH_NOW ?? Date.now());
const sandbox = await startSandbox({
  apiKey: SANDBOX_API_KEY,
  chatCount: Number(process.env.BENCH_SEEDED_CHATS ?? 0),
  requestLogSize: Number(process.env.BENCH_REQUEST_LOG ?? 5_000),
});
for (let i = 0; i < count; i++) {
  const { chat, messages } = benchChat(i, now);
  sandbox.store.addChat(chat, messages);
}
console.log(JSON.stringify({ baseUrl: sandbox.baseUrl, origin: sandbox.origin }));
process.once('SIGTERM', () => void sandbox.close().then(() => process.exit(0)));
