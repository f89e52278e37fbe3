import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SANDBOX_API_KEY } from '@/lib/env';
import { startSandbox, type RunningSandbox } from '@/lib/sandbox/server';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: SANDBOX_API_KEY });
});
afterAll(() => sandbox.close());

it('the README’s SDK example lists chats and shares a card against the sandbox', async () => {
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'lib/sandbox/sdk-example.ts'], {
    env: { ...process.env, LINQ_API_BASE_URL: sandbox.baseUrl },
  });
  const shared = /Shared (\+\d+)'s contact card into chat ([0-9a-f-]{36})/.exec(stdout);
  expect(shared, stdout).not.toBeNull();
  expect(sandbox.store.state.shares).toEqual([{ chat_id: shared![2], from: shared![1], at: expect.any(String), effective: true }]);
}, 60_000);
