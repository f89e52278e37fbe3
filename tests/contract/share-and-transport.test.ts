import http from 'node:http';
import type { AddressInfo } from 'node:net';
import LinqAPIV3 from '@linqapp/sdk';
import { describe, expect, it } from 'vitest';
import { createLinqClient } from '@/lib/linq/client';
import { describeLinqError, LinqError } from '@/lib/linq/errors';
import { LinqGateway } from '@/lib/linq/gateway';
import { DEMO_LINES } from '@/lib/sandbox/seed';
import { API_KEY, newChat, newLine, startTestSandbox } from './harness';

const harness = startTestSandbox();
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as LinqError,
  );
const sharesOf = (chatId: string) => harness.sandbox.store.state.shares.filter((s) => s.chat_id === chatId);

describe('sharing a contact card', () => {
  it('shares into an iMessage chat with an outbound message: 204, recorded once', async () => {
    const line = await newLine(harness, { card: { first_name: 'Acme' } });
    const chat = await newChat(harness, { from: line, outbound: 1 });
    await expect(harness.linq.shareContactCard(chat)).resolves.toMatchObject({ httpStatus: 204, latencyMs: expect.any(Number) });
    expect(harness.requests(`/v3/chats/${chat}/share_contact_card`).map((r) => r.status)).toEqual([204]);
    expect(sharesOf(chat)).toEqual([{ chat_id: chat, from: line, at: expect.any(String), effective: true }]);
  });

  it('answers 404/2001 for an unknown chat and 409/2013 for a chat the line has left', async () => {
    expect(await failure(harness.linq.shareContactCard('00000000-0000-4000-8000-000000000000'))).toMatchObject({ status: 404, code: 2001 });
    const line = await newLine(harness, { card: { first_name: 'Acme' } });
    const left = await newChat(harness, { from: line, outbound: 1, left: true });
    expect(await failure(harness.linq.shareContactCard(left))).toMatchObject({ status: 409, code: 2013 });
  });

  it('answers 404/2012 when the chat’s line has no card, or only an inactive one', async () => {
    const noCard = await newChat(harness, { from: DEMO_LINES.withoutCard, outbound: 1 });
    const inactive = await newChat(harness, { from: DEMO_LINES.withInactiveCard, outbound: 1 });
    expect(await failure(harness.linq.shareContactCard(noCard))).toMatchObject({ status: 404, code: 2012 });
    expect(await failure(harness.linq.shareContactCard(inactive))).toMatchObject({ status: 404, code: 2012 });
    expect([...sharesOf(noCard), ...sharesOf(inactive)]).toEqual([]);
  });

  it('accepts SMS chats and chats with no outbound message silently, or refuses them, as configured', async () => {
    const line = await newLine(harness, { card: { first_name: 'Acme' } });
    const sms = await newChat(harness, { from: line, service: 'SMS', outbound: 1 });
    const silent = await newChat(harness, { from: line, outbound: 0 });
    await harness.linq.shareContactCard(sms);
    await harness.linq.shareContactCard(silent);
    expect([...sharesOf(sms), ...sharesOf(silent)].map((s) => s.effective)).toEqual([false, false]);

    Object.assign(harness.sandbox.behaviour, { nonImessageShare: 'conflict', noOutboundShare: 'conflict' });
    try {
      expect(await failure(harness.linq.shareContactCard(sms))).toMatchObject({ status: 409, code: 2017 });
      expect(await failure(harness.linq.shareContactCard(silent))).toMatchObject({ status: 409, code: 2015 });
    } finally {
      Object.assign(harness.sandbox.behaviour, { nonImessageShare: 'silent', noOutboundShare: 'silent' });
    }
  });

  it('sends a share once even when Linq fails with 500 or 429 (never retried)', async () => {
    const line = await newLine(harness, { card: { first_name: 'Acme' } });
    const chat = await newChat(harness, { from: line, outbound: 1 });
    harness.sandbox.faults.add([{ path: `/v3/chats/${chat}/share_contact_card`, status: 500, times: 1 }]);
    expect(await failure(harness.linq.shareContactCard(chat))).toMatchObject({ status: 500, code: 3006 });
    harness.sandbox.faults.add([{ path: `/v3/chats/${chat}/share_contact_card`, status: 429, retryAfterSeconds: 7, times: 1 }]);
    const limited = await failure(harness.linq.shareContactCard(chat));
    expect(limited).toMatchObject({ status: 429, code: 1007, retryAfterSeconds: 7 });
    expect(describeLinqError(limited!.facts()).nextStep).toBe('Wait about 7 seconds and try again.');
    expect(harness.requests(`/v3/chats/${chat}/share_contact_card`)).toHaveLength(2);
    expect(sharesOf(chat)).toEqual([]);
  });
});

describe('reads, rate limits and transport failures', () => {
  it('retries a read after a 429, waiting as Retry-After says', async () => {
    const line = await newLine(harness);
    harness.sandbox.faults.add([{ method: 'GET', path: `from=%2B${line.slice(1)}`, status: 429, retryAfterSeconds: 0, times: 1 }]);
    const page = await harness.linq.listChats({ from: line });
    expect(page.items).toEqual([]);
    expect(
      harness
        .requests('/v3/chats', 'GET')
        .filter((r) => r.query.from === line)
        .map((r) => r.status),
    ).toEqual([429, 200]);
  });

  it('refuses a wrong API key with 401/2004', async () => {
    const wrongKey = new LinqGateway(createLinqClient({ apiKey: 'not-the-key', baseUrl: harness.sandbox.baseUrl }));
    const error = await failure(wrongKey.listPhoneNumbers());
    expect(error).toMatchObject({ kind: 'api', status: 401, code: 2004 });
    expect(describeLinqError(error!.facts()).nextStep).toContain('LINQ_API_KEY');
  });

  it('turns a slow Linq into a timeout error', async () => {
    harness.sandbox.faults.add([{ path: '/v3/phone_numbers', delayMs: 1_000, times: 1 }]);
    const impatient = new LinqGateway(new LinqAPIV3({ apiKey: API_KEY, baseURL: harness.sandbox.baseUrl, timeout: 200, maxRetries: 0, logLevel: 'off' }));
    const error = await failure(impatient.listPhoneNumbers());
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(describeLinqError(error!.facts()).message).toBe('Linq did not answer in time.');
  });

  it('gives up a read after each try of readTimeoutMs, retries included (staff wait about 15 s, not 45)', async () => {
    harness.sandbox.faults.add([{ path: '/v3/phone_numbers', delayMs: 1_500, times: 3 }]);
    // The client's own limit is 15 s a try; the gateway's per-read limit wins.
    const staffFacing = new LinqGateway(createLinqClient({ apiKey: API_KEY, baseUrl: harness.sandbox.baseUrl }), { readTimeoutMs: 150 });
    const started = Date.now();
    expect(await failure(staffFacing.listPhoneNumbers())).toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_500 * 3);
    expect(harness.requests('/v3/phone_numbers').length).toBeGreaterThanOrEqual(3);
  });

  it('turns an unreachable Linq into a connection error', async () => {
    const nowhere = new LinqGateway(new LinqAPIV3({ apiKey: API_KEY, baseURL: 'http://127.0.0.1:9/api/partner', maxRetries: 0, logLevel: 'off' }));
    expect(await failure(nowhere.listPhoneNumbers())).toMatchObject({ kind: 'connection' });
  });

  it('describes an error page without Linq’s envelope by its HTTP status', async () => {
    const proxy = http.createServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad gateway</html>');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = proxy.address() as AddressInfo;
      const behindProxy = new LinqGateway(new LinqAPIV3({ apiKey: API_KEY, baseURL: `http://127.0.0.1:${port}`, maxRetries: 0, logLevel: 'off' }));
      const error = await failure(behindProxy.shareContactCard('any'));
      expect(error).toMatchObject({ kind: 'api', status: 502, code: undefined });
      expect(describeLinqError(error!.facts())).toMatchObject({ message: 'Linq is having trouble (HTTP 502).', retryable: true });
    } finally {
      proxy.close();
    }
  });
});
