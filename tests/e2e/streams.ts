import type { APIRequestContext } from '@playwright/test';
import { collectSse } from '../support/sse-reader';

/**
 * Opens a server-sent events route with an API context's session, as a browser's EventSource would
 * (Playwright's own requests wait for a body that never ends). `stream` reads it while it is open.
 */
export async function openStream(api: APIRequestContext, baseURL: string, path: string, headers: Record<string, string> = {}) {
  const cookie = (await api.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const abort = new AbortController();
  const response = await fetch(new URL(path, baseURL), { headers: { cookie, ...headers }, redirect: 'manual', signal: abort.signal });
  const stream = response.ok && response.body ? collectSse(response.body) : null;
  return { response, stream, close: () => abort.abort() };
}
