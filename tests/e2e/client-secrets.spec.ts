import fs from 'node:fs';
import path from 'node:path';
import { SANDBOX_API_KEY } from '@/lib/env';
import { expect, test } from './fixtures';

// The Linq API key and AUTH_SECRET live on the server only. Neither may appear in anything the
// browser receives: the built client assets, or the pages and their React payloads.

function* files(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

/** The console's secrets: AUTH_SECRET as configured or generated, the Linq API key, a webhook secret. */
function secretsOf(project: string, configured: { authSecret?: string; webhookSecret?: string }): Record<string, string> {
  const authSecret = configured.authSecret ?? fs.readFileSync(path.join(process.env.E2E_DATA_DIR!, project, 'auth-secret'), 'utf8').trim();
  expect(authSecret.length).toBeGreaterThanOrEqual(32);
  // In sandbox mode this is the console's Linq API key.
  return { AUTH_SECRET: authSecret, 'Linq API key': SANDBOX_API_KEY, ...(configured.webhookSecret && { LINQ_WEBHOOK_SECRET: configured.webhookSecret }) };
}

test('no secret is in the built client assets', ({ consoleUnderTest }) => {
  const secrets = secretsOf(test.info().project.name, consoleUnderTest);
  const staticDir = path.join(process.cwd(), '.next', 'static');
  let scanned = 0;
  for (const file of files(staticDir)) {
    const content = fs.readFileSync(file, 'latin1');
    for (const [name, value] of Object.entries(secrets)) expect(content.includes(value), `${name} in ${path.relative(staticDir, file)}`).toBe(false);
    scanned += 1;
  }
  expect(scanned).toBeGreaterThan(20);
});

test('no secret is in the pages an admin receives, nor in their React payloads', async ({ page, signInAs, consoleUnderTest }) => {
  const secrets = secretsOf(test.info().project.name, consoleUnderTest);
  await signInAs(page, 'ADMIN');
  for (const pagePath of ['/', '/cards', '/cards/%2B14155550100', '/chats', '/history', '/history?tab=staff', '/history?tab=settings', '/staff', '/settings']) {
    for (const headers of [{}, { RSC: '1' }] as Array<Record<string, string>>) {
      const body = await (await page.request.get(pagePath, { headers })).text();
      for (const [name, value] of Object.entries(secrets)) expect(body.includes(value), `${name} in ${pagePath} ${JSON.stringify(headers)}`).toBe(false);
    }
  }
});
