import { createHash, randomBytes } from 'node:crypto';

// Recovery codes: what a person types when their phone is lost. Ten of them, single use, ten
// characters each from an alphabet without look-alikes (no 0/O, 1/I/L), shown as "abcde-fghjk".

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const LENGTH = 10;

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    // 32 symbols would divide a byte evenly; with 31 the bias of `byte % 31` is under 1%, and each
    // code still carries about 49 bits.
    const chars = [...randomBytes(LENGTH)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** What a person typed, in the stored form: lower case, no spaces or dashes; null when it cannot be a code. */
export function normalizeRecoveryCode(input: string): string | null {
  const clean = input.replace(/[\s-]/g, '').toLowerCase();
  return clean.length === LENGTH && [...clean].every((char) => ALPHABET.includes(char)) ? clean : null;
}

/** Codes are random, not chosen by people: a plain SHA-256 is enough to keep them unreadable. */
export function hashRecoveryCode(normalized: string): string {
  return createHash('sha256').update(`recovery:${normalized}`).digest('hex');
}
