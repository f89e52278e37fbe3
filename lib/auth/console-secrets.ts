import 'server-only';
import { resolveAuthSecret } from '@/lib/auth/secret';
import { openSecret, sealSecret, secretBoxKey } from '@/lib/crypto/secret-box';
import { getSettings } from '@/lib/env';

// Secrets the console keeps in its database (webhook signing secrets, alert channels' passwords,
// authenticator app secrets), sealed with the key SECRETS_KEY or AUTH_SECRET gives.

function boxKey(): Buffer {
  const settings = getSettings();
  return secretBoxKey({ secretsKey: settings.secretsKey, authSecret: resolveAuthSecret(settings) });
}

export function sealConsoleSecret(plain: string): string {
  return sealSecret(plain, boxKey());
}

/** The secret; null when it was sealed with another key or altered. */
export function openConsoleSecret(sealed: string): string | null {
  return openSecret(sealed, boxKey());
}
