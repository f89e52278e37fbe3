// Types for next.config.mjs, which tests import to check what it makes of the settings.
import type { NextConfig } from 'next';

declare const nextConfig: NextConfig & { experimental: NonNullable<NextConfig['experimental']> & { serverActions: NonNullable<NonNullable<NextConfig['experimental']>['serverActions']> } };
export default nextConfig;
