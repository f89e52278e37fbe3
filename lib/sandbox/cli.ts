// `npm run sandbox`: the Linq sandbox on its own, for scripts, the SDK or another console.
//   SANDBOX_PORT (4010), SANDBOX_API_KEY (sandbox-local-key), SANDBOX_CHATS (300), SANDBOX_STATE_FILE (none: in memory)
import { SANDBOX_API_KEY } from '@/lib/env';
import { DEFAULT_CHAT_COUNT, startSandbox } from '@/lib/sandbox/server';

const sandbox = await startSandbox({
  port: Number(process.env.SANDBOX_PORT ?? 4010),
  apiKey: process.env.SANDBOX_API_KEY ?? SANDBOX_API_KEY,
  chatCount: Number(process.env.SANDBOX_CHATS ?? DEFAULT_CHAT_COUNT),
  stateFile: process.env.SANDBOX_STATE_FILE || undefined,
});

console.log(`Linq sandbox listening.
  SDK baseURL: ${sandbox.baseUrl}
  API key:     ${process.env.SANDBOX_API_KEY ?? SANDBOX_API_KEY}
  Controls:    ${sandbox.origin}/__sandbox (shares, requests, behaviour, faults, lines, chats, reset)
Point the console at it with LINQ_API_BASE_URL=${sandbox.baseUrl} (and no LINQ_API_KEY).`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void sandbox.close().then(() => process.exit(0)));
}
