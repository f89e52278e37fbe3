/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Loaded by Node at run time instead of bundled: WASM/native code and the database drivers.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', 'pg', '@prisma/adapter-pg', 'pg-boss', 'sharp'],
  experimental: {
    // forbidden() renders app/forbidden.tsx with a 403 status for a role that may not see a page.
    authInterrupts: true,
    // Contact-card photos are uploaded through a server action; the server refuses files over
    // 10 MB itself (lib/photos/limits.ts) with a clear message, so the transport must let them in.
    serverActions: { bodySizeLimit: '11mb' },
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
