import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';

// A server action is a public POST endpoint. To prove each one checks the caller itself, the
// tests call it over HTTP exactly as the browser does: its id from the build's manifest, its
// arguments encoded with the React client that Next.js ships.
const require = createRequire(import.meta.url);
const { encodeReply } = require('next/dist/compiled/react-server-dom-webpack/client.node.js') as {
  encodeReply: (args: unknown[]) => Promise<string | FormData>;
};

interface ManifestEntry {
  filename: string;
  exportedName: string;
  workers: Record<string, unknown>;
}

export interface ServerActionRef {
  id: string;
  /** A page whose bundle holds the action; the POST goes there. */
  pagePath: string;
}

export function listServerActions(): Array<ServerActionRef & { filename: string; exportedName: string }> {
  const manifestPath = path.join(process.cwd(), '.next', 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { node: Record<string, ManifestEntry> };
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers)[0] ?? 'app/page';
    // app/(dashboard)/staff/page -> /staff
    const pagePath =
      '/' +
      worker
        .replace(/^app\//, '')
        .replace(/\/?page$/, '')
        .replace(/\([^)]*\)\/?/g, '');
    return { id, pagePath: pagePath.replace(/\/$/, '') || '/', filename: entry.filename, exportedName: entry.exportedName };
  });
}

export function findServerAction(filename: string, exportedName: string): ServerActionRef {
  const action = listServerActions().find((a) => a.filename === filename && a.exportedName === exportedName);
  if (!action) throw new Error(`No server action ${exportedName} in ${filename}; was the console built?`);
  return action;
}

/** Calls a server action; returns the HTTP status, any redirect, and the raw React Flight text of its answer. */
export async function callServerAction(request: APIRequestContext, action: ServerActionRef, args: unknown[]) {
  const body = await encodeReply(args);
  const response = await request.post(action.pagePath, {
    headers: { 'Next-Action': action.id, Accept: 'text/x-component' },
    ...(typeof body === 'string' ? { data: body } : { multipart: body }),
    maxRedirects: 0,
  });
  return { status: response.status(), location: response.headers().location, text: await response.text() };
}

export function formData(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}
