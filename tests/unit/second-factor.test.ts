import { describe, expect, it } from 'vitest';
import { CHALLENGE_MINUTES, challengeKey, issueChallenge, openChallenge } from '@/lib/auth/challenge';
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode, RECOVERY_CODE_COUNT } from '@/lib/auth/recovery-codes';
import { secondFactorRequired } from '@/lib/auth/second-factor-rule';
import { base32Decode, base32Encode, groupSecret, matchTotp, newTotpSecret, normalizeTotpInput, otpauthUri, totpCode, totpStep } from '@/lib/auth/totp';

// RFC 6238, appendix B: the SHA-1 key is the ASCII of "12345678901234567890".
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890'));
const at = (seconds: number) => seconds * 1000;

describe('authenticator codes (TOTP)', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('matches RFC 6238 at %i s', (seconds, expected) => {
    expect(totpCode(RFC_SECRET, totpStep(at(seconds)), 8)).toBe(expected);
    expect(totpCode(RFC_SECRET, totpStep(at(seconds)))).toBe(expected.slice(2));
  });

  it('base32 round-trips, ignoring spaces, dashes and case as apps show keys', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Encode(base32Decode(groupSecret(secret).toLowerCase())!)).toBe(secret);
    expect(base32Decode('not base32!')).toBeNull();
    expect(base32Decode('')).toBeNull();
  });

  it('accepts the code of the step before and after (a phone clock a little off), not two steps away', () => {
    const now = at(1_700_000_015);
    const step = totpStep(now);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step), now, null)).toBe(step);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 1), now, null)).toBe(step - 1);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step + 1), now, null)).toBe(step + 1);
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 2), now, null)).toBeNull();
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step + 2), now, null)).toBeNull();
  });

  it('never accepts a code at or before the last step used: a code works once', () => {
    const now = at(1_700_000_015);
    const step = totpStep(now);
    const code = totpCode(RFC_SECRET, step);
    expect(matchTotp(RFC_SECRET, code, now, step)).toBeNull();
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step - 1), now, step - 1)).toBeNull();
    // A later code is still fine after an earlier one was used.
    expect(matchTotp(RFC_SECRET, totpCode(RFC_SECRET, step + 1), now, step)).toBe(step + 1);
  });

  it('reads "123 456" as 123456 and refuses what cannot be a code', () => {
    expect(normalizeTotpInput(' 123 456 ')).toBe('123456');
    expect(normalizeTotpInput('12345')).toBeNull();
    expect(normalizeTotpInput('12345a')).toBeNull();
    expect(matchTotp(RFC_SECRET, 'abcdef', at(59), null)).toBeNull();
  });

  it('makes the address authenticator apps read, with the issuer and the account', () => {
    const uri = new URL(otpauthUri('JBSWY3DPEHPK3PXP', 'ana@example.com', 'Contact Card Console'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Contact Card Console:ana@example.com');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret: 'JBSWY3DPEHPK3PXP',
      issuer: 'Contact Card Console',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});

describe('recovery codes', () => {
  it('makes ten distinct codes in a form people can copy, which normalize back', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
      expect(normalizeRecoveryCode(` ${code.toUpperCase().replace('-', ' ')} `)).toBe(code.replace('-', ''));
    }
  });

  it('refuses what cannot be a code, and hashes so that the stored value is not the code', () => {
    expect(normalizeRecoveryCode('123456')).toBeNull();
    expect(normalizeRecoveryCode('abcde-fghi0')).toBeNull(); // 0 is not in the alphabet
    expect(hashRecoveryCode('abcdefghjk')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode('abcdefghjk')).not.toContain('abcdefghjk');
  });
});

describe('the sign-in challenge between password and code', () => {
  const key = challengeKey('a-test-auth-secret');
  const now = Date.UTC(2026, 11, 2, 9);

  it('names the user it was issued to until it expires', () => {
    const challenge = issueChallenge('user_1', key, now);
    expect(openChallenge(challenge, key, now + 1000)).toBe('user_1');
    expect(openChallenge(challenge, key, now + CHALLENGE_MINUTES * 60_000 + 1)).toBeNull();
  });

  it('refuses an altered challenge, one signed with another key, and junk', () => {
    const challenge = issueChallenge('user_1', key, now);
    const [payload, signature] = challenge.split('.');
    const forged = Buffer.from(JSON.stringify({ u: 'admin_1', e: now + 60_000 })).toString('base64url');
    expect(openChallenge(`${forged}.${signature}`, key, now)).toBeNull();
    expect(openChallenge(`${payload}.${signature}x`, key, now)).toBeNull();
    expect(openChallenge(challenge, challengeKey('another-secret'), now)).toBeNull();
    for (const junk of ['', '.', 'a.b.c', 'abc', `${payload}.`]) expect(openChallenge(junk, key, now)).toBeNull();
  });
});

describe('who must use a second factor', () => {
  it.each([
    ['OPTIONAL', 'ADMIN', false],
    ['ADMINS', 'ADMIN', true],
    ['ADMINS', 'OPERATOR', false],
    ['EVERYONE', 'VIEWER', true],
  ] as const)('rule %s, role %s: %s', (rule, role, expected) => {
    expect(secondFactorRequired(rule, role)).toBe(expected);
  });
});
