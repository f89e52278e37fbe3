import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { sealConsoleSecret } from '@/lib/auth/console-secrets';
import { db } from '@/lib/db';
import { ROLE_LABELS, type Role } from '@/lib/roles';
import { normalizeDomain, type SsoSettingsInput } from '@/lib/validations/sso';

// Settings → Sign-in → Single sign-on, as an admin sees and changes it. Every change is recorded in
// the settings history; the client secret never is (nor is it ever shown again once saved).

/** A sentence for the admin: the settings were not saved, and why. */
export class SsoSettingsError extends Error {}

export interface SsoSettingsView {
  name: string;
  issuer: string;
  clientId: string;
  hasSecret: boolean;
  allowedDomain: string;
  defaultRole: Role;
  ssoOnly: boolean;
  breakGlassUserId: string | null;
}

const SETTINGS_FIELDS = {
  ssoName: true,
  ssoIssuer: true,
  ssoClientId: true,
  ssoClientSecret: true,
  ssoAllowedDomain: true,
  ssoDefaultRole: true,
  ssoOnly: true,
  breakGlassUser: { select: { id: true, email: true } },
} as const;

type SettingsRow = Prisma.SignInPolicyGetPayload<{ select: typeof SETTINGS_FIELDS }>;

export async function readSsoSettings(): Promise<SsoSettingsView | null> {
  const row = await db.signInPolicy.findUnique({ where: { id: 1 }, select: SETTINGS_FIELDS });
  if (!row?.ssoIssuer) return null;
  return {
    name: row.ssoName ?? '',
    issuer: row.ssoIssuer,
    clientId: row.ssoClientId ?? '',
    hasSecret: row.ssoClientSecret !== null,
    allowedDomain: row.ssoAllowedDomain ?? '',
    defaultRole: row.ssoDefaultRole,
    ssoOnly: row.ssoOnly,
    breakGlassUserId: row.breakGlassUser?.id ?? null,
  };
}

/** What the history shows of the settings: never the secret, only whether one is kept. */
function describe(row: SettingsRow | null): Prisma.InputJsonObject | undefined {
  if (!row?.ssoIssuer) return undefined;
  return {
    name: row.ssoName ?? '',
    issuer: row.ssoIssuer,
    'client id': row.ssoClientId ?? '',
    'client secret': row.ssoClientSecret ? 'set' : 'none',
    'allowed domain': row.ssoAllowedDomain ?? 'none',
    'their role': ROLE_LABELS[row.ssoDefaultRole],
    'SSO only': row.ssoOnly ? 'yes' : 'no',
    'break-glass admin': row.breakGlassUser?.email ?? 'none',
  };
}

/** The discovery document's address for an issuer (OpenID Connect Discovery 1.0, section 4). */
export function discoveryUrl(issuer: string): URL {
  const url = new URL(issuer);
  url.pathname = `${url.pathname.replace(/\/$/, '')}/.well-known/openid-configuration`;
  return url;
}

/**
 * Asks the provider for its discovery document, so a typo in the issuer is found while the admin is
 * on the page rather than by the first person who tries to sign in.
 */
export async function checkIssuer(issuer: string): Promise<void> {
  let document: unknown;
  try {
    const response = await fetch(discoveryUrl(issuer), { signal: AbortSignal.timeout(8_000), redirect: 'error', headers: { accept: 'application/json' } });
    if (!response.ok) throw new SsoSettingsError(`The provider answered ${response.status} at ${discoveryUrl(issuer).href}: check the issuer address.`);
    document = await response.json();
  } catch (error) {
    if (error instanceof SsoSettingsError) throw error;
    throw new SsoSettingsError(`The console could not read ${discoveryUrl(issuer).href}: check the issuer address, and that this server can reach it.`);
  }
  const found = document as { issuer?: unknown; authorization_endpoint?: unknown };
  if (typeof found.issuer !== 'string' || !URL.canParse(found.issuer) || typeof found.authorization_endpoint !== 'string') {
    throw new SsoSettingsError('The address answered, but not with an OpenID Connect discovery document: check the issuer address.');
  }
  if (new URL(found.issuer).href !== new URL(issuer).href) {
    throw new SsoSettingsError(`The provider calls itself ${found.issuer}: write exactly that as the issuer.`);
  }
}

export async function saveSsoSettings(actorId: string, input: SsoSettingsInput, check: (issuer: string) => Promise<void> = checkIssuer): Promise<void> {
  if (input.ssoOnly) {
    const admin = await db.user.findUnique({ where: { id: input.breakGlassUserId }, select: { role: true, disabled: true } });
    if (!admin || admin.role !== 'ADMIN' || admin.disabled) {
      throw new SsoSettingsError('The break-glass person must be an active admin: choose one from the list.');
    }
  }
  await check(input.issuer);
  await db.$transaction(async (tx) => {
    const before = await lockedSettings(tx);
    if (!input.clientSecret && !before?.ssoClientSecret) throw new SsoSettingsError('Write the client secret the provider gave for this console.');
    const data = {
      ssoName: input.name,
      ssoIssuer: input.issuer,
      ssoClientId: input.clientId,
      ...(input.clientSecret ? { ssoClientSecret: sealConsoleSecret(input.clientSecret) } : {}),
      ssoAllowedDomain: normalizeDomain(input.allowedDomain),
      ssoDefaultRole: input.defaultRole,
      ssoOnly: input.ssoOnly,
      breakGlassUserId: input.ssoOnly ? input.breakGlassUserId : null,
    };
    const after = await tx.signInPolicy.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data, select: SETTINGS_FIELDS });
    await tx.settingsChange.create({ data: { kind: 'SSO_CHANGED', actorId, before: describe(before), after: describe(after) } });
  });
}

/** Turns single sign-on off: the button disappears and password sign-in is open to everyone again. */
export async function turnOffSso(actorId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const before = await lockedSettings(tx);
    if (!before?.ssoIssuer) return false;
    const cleared = {
      ssoName: null,
      ssoIssuer: null,
      ssoClientId: null,
      ssoClientSecret: null,
      ssoAllowedDomain: null,
      ssoOnly: false,
      breakGlassUserId: null,
    };
    await tx.signInPolicy.update({ where: { id: 1 }, data: cleared });
    await tx.settingsChange.create({ data: { kind: 'SSO_CHANGED', actorId, before: describe(before) } });
    return true;
  });
}

async function lockedSettings(tx: Prisma.TransactionClient): Promise<SettingsRow | null> {
  // Locks the row (when there is one) so that two admins' changes are recorded in order.
  await tx.$queryRaw`SELECT id FROM "SignInPolicy" WHERE id = 1 FOR UPDATE`;
  return tx.signInPolicy.findUnique({ where: { id: 1 }, select: SETTINGS_FIELDS });
}
