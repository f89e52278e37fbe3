// The sandbox of a benchmark in its own process (sandbox-process.ts), driven through /__sandbox.
import { spawn } from 'node:child_process';
import readline from 'node:readline';

export interface SandboxProcess {
  baseUrl: string;
  control: (method: string, path: string, body?: unknown) => Promise<unknown>;
  stop: () => void;
}

export async function startSandboxProcess(options: { seeded?: number; eligible?: number; now?: number; requestLog?: number }): Promise<SandboxProcess> {
  const child = spawn(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', '--conditions=react-server', 'tests/bench/sandbox-process.ts'], {
    env: {
      ...process.env,
      BENCH_SEEDED_CHATS: String(options.seeded ?? 0),
      BENCH_CHATS: String(options.eligible ?? 0),
      BENCH_NOW: String(options.now ?? Date.now()),
      BENCH_REQUEST_LOG: String(options.requestLog ?? 5_000),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done) throw new Error('the sandbox process ended before listening');
  const { baseUrl, origin } = JSON.parse(first.value as string) as { baseUrl: string; origin: string };
  return {
    baseUrl,
    async control(method, path, body) {
      const response = await fetch(`${origin}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status}`);
      return response.json();
    },
    stop: () => void child.kill('SIGTERM'),
  };
}
