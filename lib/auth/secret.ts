import type { Settings } from '@/lib/env';
import { generatedSecret } from '@/lib/server/generated-secret';

/**
 * AUTH_SECRET signs session cookies. When it is not set, one is generated on first start and
 * kept in the data folder. Several instances behind one address must share an explicit AUTH_SECRET.
 */
export function resolveAuthSecret(settings: Pick<Settings, 'authSecret' | 'dataDir'>): string {
  return settings.authSecret ?? generatedSecret(settings.dataDir, 'auth-secret');
}
