import { afterEach, describe, expect, it, vi } from 'vitest';

// next.config.mjs is read when the server starts: what it makes of PUBLIC_BASE_URL.
async function load(publicBaseUrl: string | undefined) {
  vi.resetModules();
  if (publicBaseUrl === undefined) delete process.env.PUBLIC_BASE_URL;
  else process.env.PUBLIC_BASE_URL = publicBaseUrl;
  return (await import('../../next.config.mjs')).default;
}

describe('server actions behind a reverse proxy', () => {
  afterEach(() => {
    delete process.env.PUBLIC_BASE_URL;
  });

  it('allow the host of PUBLIC_BASE_URL as an origin, besides the host the request reached', async () => {
    expect((await load('https://console.example.com')).experimental.serverActions).toMatchObject({ allowedOrigins: ['console.example.com'] });
    expect((await load('https://console.example.com:8443/')).experimental.serverActions.allowedOrigins).toEqual(['console.example.com:8443']);
  });

  it('add nothing without it, or with one that is not an address', async () => {
    expect((await load(undefined)).experimental.serverActions.allowedOrigins).toBeUndefined();
    expect((await load('not an address')).experimental.serverActions.allowedOrigins).toBeUndefined();
  });

  it('let photo uploads larger than 10 MB through the proxy and the action, to be refused with a sentence', async () => {
    const config = await load(undefined);
    expect(config.experimental.serverActions.bodySizeLimit).toBe('32mb');
    expect(config.experimental.proxyClientMaxBodySize).toBe('32mb');
  });
});
