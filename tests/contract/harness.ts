import http from 'node:http';
import type { AddressInfo } from 'node:net';
import LinqAPIV3 from '@linqapp/sdk';
import { afterAll, beforeAll } from 'vitest';
import { createLinqClient } from '@/lib/linq/client';
import { LinqGateway } from '@/lib/linq/gateway';
import { startSandbox, type RunningSandbox } from '@/lib/sandbox/server';

export const API_KEY = 'contract-test-key';

/** A 1×1 PNG, enough for the sandbox's byte sniffing. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

export interface Harness {
  sandbox: RunningSandbox;
  /** The console's gateway over the official SDK, as the app configures it. */
  linq: LinqGateway;
  /** The official SDK itself, for what the gateway does not expose. */
  sdk: LinqAPIV3;
  /** A local web server for photos: /photo.png serves an image, /not-an-image.jpg serves text. */
  photos: string;
  /** Requests the sandbox received at paths containing `path`. */
  requests(path: string, method?: string): Array<{ method: string; path: string; query: Record<string, string>; body: unknown; status: number }>;
}

/** Starts a fresh sandbox and photo server for one test file. */
export function startTestSandbox(): Harness {
  const harness = {} as Harness;
  let photoServer: http.Server;

  beforeAll(async () => {
    harness.sandbox = await startSandbox({ apiKey: API_KEY, chatCount: 120 });
    harness.linq = new LinqGateway(createLinqClient({ apiKey: API_KEY, baseUrl: harness.sandbox.baseUrl }));
    harness.sdk = new LinqAPIV3({ apiKey: API_KEY, baseURL: harness.sandbox.baseUrl, logLevel: 'off' });
    photoServer = http.createServer((req, res) => {
      if (req.url === '/photo.png') {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(TINY_PNG);
      } else if (req.url === '/not-an-image.jpg') {
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        res.end('this is text pretending to be a JPEG');
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => photoServer.listen(0, '127.0.0.1', resolve));
    harness.photos = `http://127.0.0.1:${(photoServer.address() as AddressInfo).port}`;
    harness.requests = (path, method) => harness.sandbox.store.requestLog.filter((r) => r.path.includes(path) && (!method || r.method === method));
  });

  afterAll(async () => {
    await harness.sandbox.close();
    await new Promise((resolve) => photoServer.close(resolve));
  });

  return harness;
}

let lineCounter = 0;

/** Provisions a fresh line (and optional card) on the sandbox, so tests never share one. */
export async function newLine(
  harness: Harness,
  options: { card?: { first_name: string; last_name?: string; is_active?: boolean }; card_setup?: 'active' | 'inactive' | 'fail' } = {},
): Promise<string> {
  const phone = `+1202555${String(1000 + ++lineCounter).slice(-4)}`;
  const response = await fetch(`${harness.sandbox.origin}/__sandbox/lines`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone_number: phone, ...options }),
  });
  if (!response.ok) throw new Error(`could not add line: ${await response.text()}`);
  return phone;
}

export async function newChat(
  harness: Harness,
  spec: { from: string; to?: string[]; service?: 'iMessage' | 'SMS' | 'RCS' | null; outbound?: number; inbound?: number; left?: boolean },
): Promise<string> {
  const response = await fetch(`${harness.sandbox.origin}/__sandbox/chats`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to: ['+13125550142'], ...spec }),
  });
  if (!response.ok) throw new Error(`could not add chat: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}
