// Pages as a person sees them: a real console (`next start` of the build, embedded database, its
// sandbox seeding 300 chats) and Debian's Chromium, signed in as the bench's admin. For each page,
// loaded again and again: the server's first byte, and when the page stopped changing (the last
// change to the main area, watched from the first byte; the navigation's "Live updates" dot is left
// out). With the zone cookie the browser set on the first visit, as every visit after the first is.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { createPrismaClient } from '@/lib/db';
import { ensureBuilt, signIn, startConsole, stopConsole } from './consoles';
import { machine, median, percentile, writeResults } from './setup';

const LOADS = 15;
/** The page counts as still changing until the main area has been still this long. */
const QUIET_MS = 1_500;
const CHATS = 300;

interface Load {
  ttfb: number;
  complete: number;
}

/** Records the time of the main area's last change, from the navigation's start. */
const WATCH_MAIN = `
  window.__lastMainChange = 0;
  document.addEventListener('DOMContentLoaded', () => {
    new MutationObserver(() => { window.__lastMainChange = performance.now(); })
      .observe(document.getElementById('main'), { subtree: true, childList: true, characterData: true, attributes: true });
  });
`;

async function load(context: BrowserContext, url: string): Promise<Load> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  // Waits until nothing under <main> has changed for QUIET_MS.
  await page.evaluate(`new Promise((resolve) => {
    const check = () => (performance.now() - Math.max(window.__lastMainChange, performance.getEntriesByType('navigation')[0].loadEventEnd) >= ${QUIET_MS} ? resolve(null) : setTimeout(check, 100));
    check();
  })`);
  const timing = (await page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { ttfb: nav.responseStart - nav.startTime, lastChange: window.__lastMainChange, loaded: nav.loadEventEnd };
  })()`)) as { ttfb: number; lastChange: number; loaded: number };
  await page.close();
  return { ttfb: timing.ttfb, complete: Math.max(timing.lastChange, timing.loaded) };
}

const ms = (value: number) => `${Math.round(value)} ms`;

export async function runPagesBench(): Promise<string> {
  ensureBuilt();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'console-bench-pages-'));
  const password = 'bench-embedded-database-password';
  const running = await startConsole(3211, {
    DATA_DIR: root,
    SANDBOX_PORT: '4211',
    SANDBOX_CHATS: String(CHATS),
    EMBEDDED_DB_PORT: '54392',
    EMBEDDED_DB_PASSWORD: password,
    EMBEDDED_DB_ALLOW_IN_PRODUCTION: 'true',
  });
  const db = createPrismaClient({ kind: 'postgres', url: `postgresql://postgres:${password}@127.0.0.1:54392/postgres` });
  const executablePath = process.env.CHROMIUM_PATH ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({ executablePath });
  const rows: string[] = [];
  try {
    // The first sync indexes the sandbox's chats before anything is measured.
    for (let i = 0; i < 240 && (await db.chatSyncRun.count({ where: { status: 'COMPLETED' } })) === 0; i++) await new Promise((r) => setTimeout(r, 500));
    const chats = await db.chat.count();
    const chatId = (await db.chat.findFirstOrThrow({ select: { id: true }, orderBy: { activityAt: 'desc' } })).id;
    const cookie = await signIn(running.url);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'America/New_York' });
    const { hostname } = new URL(running.url);
    await context.addCookies([
      ...cookie.split('; ').map((pair) => {
        const [name, ...value] = pair.split('=');
        return { name: name!, value: value.join('='), domain: hostname, path: '/' };
      }),
      // As the browser sets it on its first page: the server renders in the viewer's zone at once.
      { name: 'viewer_tz', value: encodeURIComponent('America/New_York'), domain: hostname, path: '/' },
    ]);
    await context.addInitScript(WATCH_MAIN);
    for (const [name, address] of [
      ['Overview', '/'],
      ['Chats', '/chats'],
      ['Chats, eligible now', '/chats?show=eligible'],
      ['A chat’s panel', `/chats/${chatId}`],
      ['History', '/history'],
      ['Contact cards', '/cards'],
      ['Settings', '/settings'],
    ] as const) {
      await load(context, `${running.url}${address}`); // warm: the first render compiles nothing, but fills caches
      const loads: Load[] = [];
      for (let i = 0; i < LOADS; i++) loads.push(await load(context, `${running.url}${address}`));
      const ttfb = loads.map((l) => l.ttfb);
      const complete = loads.map((l) => l.complete);
      rows.push(`| ${name} | ${ms(median(ttfb))} | ${ms(percentile(ttfb, 95))} | ${ms(median(complete))} | ${ms(Math.max(...complete))} |`);
    }
    const file = writeResults(
      'pages',
      `# Pages as a person sees them

\`npm run bench -- pages\` (tests/bench/pages.ts). ${machine()}

One console (\`next start\`, embedded database) whose sandbox seeded ${CHATS} chats (${chats} in the index after the first
sync); Debian's Chromium at 1440 × 900 in America/New_York, signed in as an admin, with the zone cookie the browser sets
on its first page. Each page loaded ${LOADS} times after one warm-up load. **First byte**: the server's answer starts.
**Complete**: the main area's last change (times, counts, rows filled in after the page arrived), or the load event if later;
the page is judged still once nothing under \`<main>\` changed for ${QUIET_MS / 1000} s.

| Page | First byte, median | First byte, p95 | Complete, median | Complete, worst |
|---|---|---|---|---|
${rows.join('\n')}
`,
    );
    await context.close();
    return `pages: written to ${file}`;
  } finally {
    await browser.close();
    await db.$disconnect();
    await stopConsole(running);
    fs.rmSync(root, { recursive: true, force: true });
  }
}
