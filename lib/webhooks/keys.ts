import 'server-only';
import { openConsoleSecret, sealConsoleSecret } from '@/lib/auth/console-secrets';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';

// The signing secrets a delivery may be signed with: the one Connect stored (encrypted), and
// LINQ_WEBHOOK_SECRET for a subscription made elsewhere. Read from the database at most every few
// seconds, so that a burst of deliveries costs no extra query each.

const CACHE_MS = 10_000;
const globalForKeys = globalThis as unknown as { webhookKeys?: { secrets: string[]; until: number } };

export function sealWebhookSecret(secret: string): string {
  return sealConsoleSecret(secret);
}

/** The stored subscription's secret; null when there is none or it cannot be opened (another key). */
export function openWebhookSecret(sealed: string): string | null {
  return openConsoleSecret(sealed);
}

export async function webhookSecrets(fresh = false): Promise<string[]> {
  const cached = globalForKeys.webhookKeys;
  if (!fresh && cached && cached.until > Date.now()) return cached.secrets;
  const stored = await db.webhookSubscription.findMany({ select: { secretCiphertext: true } });
  const secrets = [
    ...stored.map((row) => openWebhookSecret(row.secretCiphertext)).filter((secret): secret is string => secret !== null),
    ...(getSettings().linqWebhookSecret ? [getSettings().linqWebhookSecret!] : []),
  ];
  globalForKeys.webhookKeys = { secrets, until: Date.now() + CACHE_MS };
  return secrets;
}

export function forgetWebhookSecrets(): void {
  globalForKeys.webhookKeys = undefined;
}
