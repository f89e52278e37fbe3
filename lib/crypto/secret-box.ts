import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

// Secrets the console must keep but never show again (a webhook subscription's signing secret) are
// stored encrypted with AES-256-GCM: a random 96-bit nonce per value, the 128-bit tag checked on
// every read, so a value changed in the database is refused rather than used.

const VERSION = 'v1';

/** The 256-bit key: from SECRETS_KEY when set, else derived from AUTH_SECRET (HKDF-SHA256). */
export function secretBoxKey(source: { secretsKey?: string; authSecret: string }): Buffer {
  if (source.secretsKey) return createHash('sha256').update(source.secretsKey).digest();
  return Buffer.from(hkdfSync('sha256', source.authSecret, 'linq-contact-card-console', 'secret-box v1', 32));
}

export function sealSecret(plain: string, key: Buffer): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64url')}`;
}

/** The secret, or null when it was sealed with another key or altered. */
export function openSecret(sealed: string, key: Buffer): string | null {
  const [version, payload] = sealed.split('.');
  if (version !== VERSION || !payload) return null;
  const bytes = Buffer.from(payload, 'base64url');
  if (bytes.length < 29) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
