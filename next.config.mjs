// Server actions are refused when the browser's Origin is not the host they were sent to. Behind a
// reverse proxy the host the console sees may differ from the address staff use: that address,
// PUBLIC_BASE_URL, is allowed too (read when the server starts, as this file is).
const publicHost = (() => {
  try {
    return process.env.PUBLIC_BASE_URL ? new URL(process.env.PUBLIC_BASE_URL).host : undefined;
  } catch {
    return undefined; // the console's own settings check says what is wrong with it
  }
})();

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Loaded by Node at run time instead of bundled: WASM/native code and the database drivers.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', 'pg', '@prisma/adapter-pg', 'pg-boss', 'sharp'],
  experimental: {
    // forbidden() renders app/forbidden.tsx with a 403 status for a role that may not see a page.
    authInterrupts: true,
    // Contact-card photos are uploaded through a server action; the server refuses files over
    // 10 MB itself (lib/photos/limits.ts) with a clear message, so the transport (the proxy, which
    // sees every request body, and the action) must let larger ones in to be told so.
    serverActions: { bodySizeLimit: '32mb', ...(publicHost && { allowedOrigins: [publicHost] }) },
    proxyClientMaxBodySize: '32mb',
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

export default nextConfig;
