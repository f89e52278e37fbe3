import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Settings } from '@/lib/env';

/**
 * AUTH_SECRET signs session cookies. When it is not set, one is generated on first start and
 * kept in the data folder, so that the embedded default needs no configuration and sessions
 * survive restarts. Several instances behind one address must share an explicit AUTH_SECRET.
 */
export function resolveAuthSecret(settings: Pick<Settings, 'authSecret' | 'dataDir'>): string {
  if (settings.authSecret) return settings.authSecret;
  const file = path.join(settings.dataDir, 'auth-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(settings.dataDir, { recursive: true });
    try {
      // 'wx' fails if another process wrote it first; then that one's secret wins.
      fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}
