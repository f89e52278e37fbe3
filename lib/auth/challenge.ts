import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

// Between the password and the code of a sign-in, the browser holds a challenge: who passed the
// password, until when, signed by the server. The password is never sent back to the browser, and
// the code step cannot be reached without it. Pure: the key and the time are passed in.

/** How long the code may take to type after the password was accepted. */
export const CHALLENGE_MINUTES = 5;

export function challengeKey(authSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', authSecret, 'linq-contact-card-console', 'sign-in challenge v1', 32));
}

function sign(payload: string, key: Buffer): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

export function issueChallenge(userId: string, key: Buffer, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ u: userId, e: now + CHALLENGE_MINUTES * 60_000 })).toString('base64url');
  return `${payload}.${sign(payload, key)}`;
}

/** The user the challenge was issued to; null when it is altered, from another key, or expired. */
export function openChallenge(challenge: string, key: Buffer, now = Date.now()): string | null {
  const [payload, signature, extra] = challenge.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(payload, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const { u, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { u?: unknown; e?: unknown };
    return typeof u === 'string' && typeof e === 'number' && e > now ? u : null;
  } catch {
    return null;
  }
}
