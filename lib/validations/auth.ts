import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address.')),
  password: z.string().min(1, 'Enter your password.').max(200, 'That password is too long.'),
});

const ORIGIN = 'http://console.invalid';
/** Control characters, line breaks (also percent-encoded), and invisible characters browsers drop. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u2060\ufeff]|%(0[0-9a-f]|1[0-9a-f]|7f)/i;

/**
 * Where to go after sign-in: only a page of the console itself (no open redirects). The value is
 * resolved as a browser would resolve it against the console's own address (a browser drops tabs and
 * line breaks, so "/\t/evil.example" means "//evil.example"), must stay on that origin, and only its
 * path, query and hash are kept. Anything with control or invisible characters is ignored, since it
 * could not even be sent back in a Location header.
 */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== 'string' || value === '' || value.length > 2_000 || UNSAFE.test(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== ORIGIN) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path beginning with two slashes would be read as another host if echoed back as it is.
  return path.startsWith('//') ? '/' : path;
}

/** The sign-in's code step: the challenge the password step gave, and the app's code or a recovery code. */
export const secondStepSchema = z.object({
  challenge: z.string().min(1).max(500),
  code: z.string().trim().min(1, 'Enter the code.').max(40, 'That code is too long.'),
});

/** The code step answered with a passkey: the browser's signed answer to the challenge it was given. */
export const passkeyStepSchema = z.object({
  challenge: z.string().min(1).max(500),
  passkeyChallengeId: z.uuid(),
  passkeyResponse: z
    .string()
    .max(20_000)
    .transform((text, context) => {
      try {
        const value: unknown = JSON.parse(text);
        if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return value as AuthenticationResponseJSON;
      } catch {
        // answered below
      }
      context.addIssue({ code: 'custom', message: 'The passkey answer could not be read.' });
      return z.NEVER;
    }),
});
