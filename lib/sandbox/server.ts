import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { logger } from '@/lib/observability/log';
import { DEFAULT_BEHAVIOUR, FaultInjector, type SandboxBehaviour } from '@/lib/sandbox/behaviour';
import { LinqApiError, readJsonBody, sendJson, sendLinqError } from '@/lib/sandbox/http';
import { findRoute, type Route } from '@/lib/sandbox/router';
import { chatRoutes } from '@/lib/sandbox/routes/chats';
import { contactCardRoutes } from '@/lib/sandbox/routes/contact-card';
import { controlRoutes } from '@/lib/sandbox/routes/control';
import { messagingRoutes } from '@/lib/sandbox/routes/messaging';
import { phoneNumberRoutes } from '@/lib/sandbox/routes/phone-numbers';
import { webhookSubscriptionRoutes } from '@/lib/sandbox/routes/webhook-subscriptions';
import { SandboxStore } from '@/lib/sandbox/store';
import { WebhookDeliverer } from '@/lib/sandbox/webhooks';

export const API_PREFIX = '/api/partner';
const apiRoutes: Route[] = [...contactCardRoutes, ...chatRoutes, ...messagingRoutes, ...phoneNumberRoutes, ...webhookSubscriptionRoutes];

export interface SandboxOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** The one Bearer token accepted. */
  apiKey: string;
  /** How many demo chats to generate (a few hundred by default; 10 000 for benchmarks). */
  chatCount?: number;
  seed?: number;
  stateFile?: string;
  behaviour?: Partial<SandboxBehaviour>;
  requestLogSize?: number;
}

export interface RunningSandbox {
  /** e.g. http://127.0.0.1:4010 */
  origin: string;
  /** What the SDK's baseURL must be: origin + /api/partner. */
  baseUrl: string;
  store: SandboxStore;
  behaviour: SandboxBehaviour;
  faults: FaultInjector;
  webhooks: WebhookDeliverer;
  close(): Promise<void>;
}

export const DEFAULT_CHAT_COUNT = 300;

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const store = new SandboxStore({
    chatCount: options.chatCount ?? DEFAULT_CHAT_COUNT,
    seed: options.seed,
    stateFile: options.stateFile,
    requestLogSize: options.requestLogSize,
  });
  const behaviour: SandboxBehaviour = { ...DEFAULT_BEHAVIOUR, ...options.behaviour };
  const faults = new FaultInjector();
  const webhooks = new WebhookDeliverer(store, behaviour);
  let origin = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const method = req.method ?? 'GET';
    const receivedAt = new Date().toISOString();
    const isApi = url.pathname.startsWith(`${API_PREFIX}/`);
    const path = isApi ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    let body: unknown;
    try {
      body = method === 'GET' || method === 'HEAD' ? undefined : await readJsonBody(req);
      if (isApi) {
        if (req.headers.authorization !== `Bearer ${options.apiKey}`) {
          throw new LinqApiError(401, 2004, 'Unauthorized - missing or invalid authentication token');
        }
        if (behaviour.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, behaviour.latencyMs));
        await faults.apply(method, `${path}${url.search}`);
      }
      const found = findRoute(isApi ? apiRoutes : controlRoutes, method, path);
      if (!found) throw new LinqApiError(404, 2001, 'Resource not found');
      await found.route.handler({ req, res, params: found.params, query: url.searchParams, body, store, behaviour, faults, webhooks, origin });
    } catch (error) {
      if (error instanceof LinqApiError) sendLinqError(res, error);
      else sendJson(res, 500, { success: false, error: { status: 500, code: 3006, message: 'Internal server error' } });
      if (!(error instanceof LinqApiError)) logger('sandbox').error({ err: error }, 'sandbox error');
    } finally {
      if (isApi) {
        store.log({ at: new Date().toISOString(), receivedAt, method, path, query: Object.fromEntries(url.searchParams), body, status: res.statusCode });
      }
    }
  }

  const server = http.createServer((req, res) => void handle(req, res));
  // Running inside the console (sandbox mode), its requests are Linq's, not the console's: the
  // console logs its calls to Linq already (lib/linq/observed-fetch.ts).
  Object.assign(server, { [Symbol.for('linq-console.unlogged')]: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${options.host ?? '127.0.0.1'}:${port}`;

  return {
    origin,
    baseUrl: `${origin}${API_PREFIX}`,
    store,
    behaviour,
    faults,
    webhooks,
    async close() {
      webhooks.clear();
      store.flush();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
