import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultInjector, SandboxBehaviour } from '@/lib/sandbox/behaviour';
import type { SandboxStore } from '@/lib/sandbox/store';
import type { WebhookDeliverer } from '@/lib/sandbox/webhooks';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** Captured groups of the route's pattern (e.g. the chat id). */
  params: string[];
  query: URLSearchParams;
  body: unknown;
  store: SandboxStore;
  behaviour: SandboxBehaviour;
  faults: FaultInjector;
  /** Sends the account's webhook events to its subscriptions. */
  webhooks: WebhookDeliverer;
  /** The sandbox's own origin, for the addresses it hands out (re-hosted images). */
  origin: string;
}

export interface Route {
  method: string;
  pattern: RegExp;
  handler: (context: RouteContext) => Promise<void> | void;
}

export function findRoute(routes: Route[], method: string, path: string): { route: Route; params: string[] } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match) return { route, params: match.slice(1).map((part) => decodeURIComponent(part)) };
  }
  return undefined;
}
