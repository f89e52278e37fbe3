// Consoles for a benchmark: `next start` of the build as separate processes (as in production), the
// bench's admin signed in through Auth.js, webhooks signed with a secret the consoles are given.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const SECRET = `whsec_${Buffer.from('bench webhook signing secret, 32 bytes!').toString('base64')}`;
const ADMIN = { email: 'admin@bench.test', password: 'bench-admin-password' };
const AUTH_SECRET = 'bench-auth-secret-shared-by-the-instances';

export interface RunningConsole {
  url: string;
  process: ChildProcess;
}

export function ensureBuilt(): void {
  if (fs.existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) return;
  if (spawnSync('npx', ['next', 'build'], { stdio: 'inherit' }).status !== 0) throw new Error('next build failed');
}

export async function startConsole(port: number, env: Record<string, string>): Promise<RunningConsole> {
  const url = `http://127.0.0.1:${port}`;
  // A console left running by an interrupted benchmark would answer for this one.
  if (
    await fetch(`${url}/api/health`).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`port ${port} is already in use`);
  const child = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port)], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      PUBLIC_BASE_URL: url,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      AUTH_SECRET,
      LINQ_WEBHOOK_SECRET: SECRET,
      NODE_ENV: 'production',
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 240; i++) {
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, process: child };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill('SIGKILL');
  throw new Error(`the console on ${port} did not start`);
}

export async function stopConsole(running: RunningConsole): Promise<void> {
  const exited = new Promise((resolve) => running.process.once('exit', resolve));
  running.process.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
  running.process.kill('SIGKILL');
}

/** Signs the bench's admin in through Auth.js, as the login form does; returns the session cookie. */
export async function signIn(url: string): Promise<string> {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      jar.set(name!, value.join('='));
    }
  };
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const answer = await fetch(`${url}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email: ADMIN.email, password: ADMIN.password, callbackUrl: '/' }),
  });
  keep(answer);
  if (answer.status !== 302 || answer.headers.get('location')?.includes('error=')) throw new Error(`sign-in failed: ${answer.status}`);
  return cookie();
}
