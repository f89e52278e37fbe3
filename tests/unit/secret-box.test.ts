import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret, secretBoxKey } from '@/lib/crypto/secret-box';

const key = secretBoxKey({ authSecret: 'a'.repeat(40) });

describe('secrets at rest (AES-256-GCM)', () => {
  it('opens what it sealed, with a fresh nonce each time', () => {
    const a = sealSecret('whsec_c2VjcmV0', key);
    const b = sealSecret('whsec_c2VjcmV0', key);
    expect(a).not.toBe(b);
    expect(a).not.toContain('c2VjcmV0');
    expect(openSecret(a, key)).toBe('whsec_c2VjcmV0');
  });

  it('refuses another key, an altered value and anything else', () => {
    const sealed = sealSecret('whsec_c2VjcmV0', key);
    expect(openSecret(sealed, secretBoxKey({ authSecret: 'b'.repeat(40) }))).toBeNull();
    expect(openSecret(sealed, secretBoxKey({ secretsKey: 'a'.repeat(40), authSecret: 'a'.repeat(40) }))).toBeNull();
    const bytes = Buffer.from(sealed.slice(3), 'base64url');
    bytes[bytes.length - 1]! ^= 1;
    expect(openSecret(`v1.${bytes.toString('base64url')}`, key)).toBeNull();
    expect(openSecret('v2.abc', key)).toBeNull();
    expect(openSecret('plain text', key)).toBeNull();
  });
});
