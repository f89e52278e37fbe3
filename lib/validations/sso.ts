import { z } from 'zod';
import { isLoopbackHost } from '@/lib/validations/alerts';
import { hasControlCharacters } from '@/lib/validations/safe-text';

// Settings → Sign-in → Single sign-on: the OpenID Connect provider's connection and who may join.

const plain = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .refine((value) => !hasControlCharacters(value), 'It has characters that cannot be used here.');

/** `example.com` from "Example.com", "@example.com" or " example.com "; null when it is not a domain. */
export function normalizeDomain(input: string): string | null {
  const domain = input.trim().toLowerCase().replace(/^@/, '');
  return /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(domain) ? domain : null;
}

const checkbox = z.preprocess((value) => value === true || value === 'on' || value === 'true', z.boolean());

/** The issuer as the provider names itself: HTTPS (plain HTTP only for a provider on this machine). */
const issuer = plain(500, 'The issuer address is at most 500 characters.')
  .min(1, 'Write the issuer address your provider gives, e.g. https://accounts.google.com.')
  .refine((value) => URL.canParse(value), 'Write the issuer as a full address, e.g. https://example.okta.com.')
  .refine((value) => {
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return !url.search && !url.hash && !url.username && !url.password;
  }, 'The issuer address has no query (?…), fragment (#…) or credentials.')
  .refine((value) => {
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  }, 'The issuer address must start with https:// (plain http:// is only for a provider on this machine).');

export const ssoSettingsSchema = z
  .object({
    name: plain(40, 'The name is at most 40 characters.').min(1, 'Write the name staff know the sign-in by, e.g. Okta or Google.'),
    issuer,
    clientId: plain(300, 'The client ID is at most 300 characters.').min(1, 'Write the client ID the provider gave for this console.'),
    /** Empty: keep the stored secret (it is never shown again). */
    clientSecret: z.string().max(1_000, 'The client secret is at most 1 000 characters.'),
    allowedDomain: plain(253, 'A domain is at most 253 characters.').refine(
      (value) => value === '' || normalizeDomain(value) !== null,
      'Write a domain such as example.com, or leave it empty.',
    ),
    defaultRole: z.enum(['VIEWER', 'OPERATOR'], 'Choose the role people of the domain get.'),
    ssoOnly: checkbox,
    breakGlassUserId: z.string().max(100),
  })
  .refine((input) => !input.ssoOnly || input.breakGlassUserId !== '', {
    path: ['breakGlassUserId'],
    message: 'Choose the admin who may still sign in with a password, should the provider ever fail.',
  });

export type SsoSettingsInput = z.infer<typeof ssoSettingsSchema>;
