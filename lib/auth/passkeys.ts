import 'server-only';
import { randomUUID } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { PasskeyCeremony } from '@/generated/prisma/enums';
import { db } from '@/lib/db';

// Passkeys (WebAuthn) as a second factor: added on My account, used at sign-in after the password
// instead of a code. The relying party is the console as the browser reached it (the same origin
// the authenticator signs), so the passkey works wherever staff open the console from that address.

/** A problem the person can fix; `message` is shown as is. */
export class PasskeyError extends Error {
  override name = 'PasskeyError';
}

/** Where the browser is: its origin, and the host name passkeys are bound to. */
export interface RelyingParty {
  origin: string;
  rpID: string;
}

/**
 * The relying party of a request, from the host the browser connected to (as Auth.js reads it),
 * and only when the browser's Origin is that same place: an assertion made for any other site
 * never verifies here.
 */
export function relyingPartyOf(headers: Headers): RelyingParty | null {
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  const origin = headers.get('origin');
  if (!host || !origin || !URL.canParse(origin)) return null;
  const url = new URL(origin);
  return url.host === host ? { origin: url.origin, rpID: url.hostname } : null;
}

const CHALLENGE_MINUTES = 5;
const RP_NAME = 'Contact Card Console';

async function keepChallenge(userId: string, ceremony: PasskeyCeremony, challenge: string): Promise<string> {
  const id = randomUUID();
  const now = Date.now();
  // Challenges nobody answered are cleared as new ones are made: the table stays small.
  await db.passkeyChallenge.deleteMany({ where: { expiresAt: { lt: new Date(now) } } });
  await db.passkeyChallenge.create({ data: { id, userId, ceremony, challenge, expiresAt: new Date(now + CHALLENGE_MINUTES * 60_000) } });
  return id;
}

/** The challenge, claimed: deleted in the same statement, so one answer can be checked only once. */
async function claimChallenge(id: string, userId: string, ceremony: PasskeyCeremony): Promise<string | null> {
  const rows = await db.$queryRaw<Array<{ challenge: string }>>`
    DELETE FROM "PasskeyChallenge"
     WHERE id = ${id} AND "userId" = ${userId} AND ceremony = ${ceremony}::"PasskeyCeremony" AND "expiresAt" > now()
     RETURNING challenge`;
  return rows[0]?.challenge ?? null;
}

const transportsOf = (stored: string[]) => stored as AuthenticatorTransportFuture[];

export interface PasskeyView {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export async function listPasskeys(userId: string): Promise<PasskeyView[]> {
  return db.passkey.findMany({ where: { userId }, select: { id: true, name: true, createdAt: true, lastUsedAt: true }, orderBy: { createdAt: 'asc' } });
}

/** What the browser needs to make a new passkey (its existing ones are excluded). */
export async function beginPasskeyRegistration(
  user: { id: string; email: string; name: string },
  party: RelyingParty,
): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  const existing = await db.passkey.findMany({ where: { userId: user.id }, select: { id: true, transports: true } });
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: party.rpID,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: 'none',
    excludeCredentials: existing.map((passkey) => ({ id: passkey.id, transports: transportsOf(passkey.transports) })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  return { challengeId: await keepChallenge(user.id, 'REGISTER', options.challenge), options };
}

export async function finishPasskeyRegistration(
  userId: string,
  input: { challengeId: string; name: string; response: RegistrationResponseJSON },
  party: RelyingParty,
): Promise<void> {
  const challenge = await claimChallenge(input.challengeId, userId, 'REGISTER');
  if (!challenge) throw new PasskeyError('Adding the passkey took too long (more than 5 minutes). Start again.');
  const verification = await verifyRegistrationResponse({
    response: input.response,
    expectedChallenge: challenge,
    expectedOrigin: party.origin,
    expectedRPID: party.rpID,
    requireUserVerification: false,
  }).catch(() => null);
  if (!verification?.verified) throw new PasskeyError('The passkey could not be checked. Start again, and use the passkey your device offers.');
  const { credential } = verification.registrationInfo;
  await db.$transaction(async (tx) => {
    if (await tx.passkey.findUnique({ where: { id: credential.id }, select: { id: true } })) throw new PasskeyError('This passkey is already added.');
    await tx.passkey.create({
      data: {
        id: credential.id,
        userId,
        name: input.name,
        publicKey: Buffer.from(credential.publicKey),
        counter: credential.counter,
        transports: credential.transports ?? [],
      },
    });
    await tx.staffChange.create({ data: { kind: 'PASSKEY_ADDED', actorId: userId, targetId: userId, after: { passkey: input.name } } });
  });
}

/** The person's passkeys, offered to the browser after their password was accepted. */
export async function beginPasskeySignIn(
  userId: string,
  party: RelyingParty,
): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON } | null> {
  const passkeys = await db.passkey.findMany({ where: { userId }, select: { id: true, transports: true } });
  if (passkeys.length === 0) return null;
  const options = await generateAuthenticationOptions({
    rpID: party.rpID,
    allowCredentials: passkeys.map((passkey) => ({ id: passkey.id, transports: transportsOf(passkey.transports) })),
    userVerification: 'preferred',
  });
  return { challengeId: await keepChallenge(userId, 'SIGN_IN', options.challenge), options };
}

/**
 * Checks the browser's answer: one of the person's passkeys signed this challenge, for this site,
 * with a counter that moved on (or an authenticator that keeps none). The challenge is spent either way.
 */
export async function verifyPasskeySignIn(
  userId: string,
  input: { challengeId: string; response: AuthenticationResponseJSON },
  party: RelyingParty,
): Promise<boolean> {
  const challenge = await claimChallenge(input.challengeId, userId, 'SIGN_IN');
  if (!challenge) return false;
  const passkey = await db.passkey.findFirst({ where: { id: input.response.id, userId } });
  if (!passkey) return false;
  const verification = await verifyAuthenticationResponse({
    response: input.response,
    expectedChallenge: challenge,
    expectedOrigin: party.origin,
    expectedRPID: party.rpID,
    credential: {
      id: passkey.id,
      publicKey: new Uint8Array(passkey.publicKey),
      counter: Number(passkey.counter),
      transports: transportsOf(passkey.transports),
    },
    requireUserVerification: false,
  }).catch(() => null);
  if (!verification?.verified) return false;
  // Claimed with the counter it was checked against: two answers racing cannot both move it.
  const { count } = await db.passkey.updateMany({
    where: { id: passkey.id, counter: passkey.counter },
    data: { counter: verification.authenticationInfo.newCounter, lastUsedAt: new Date() },
  });
  return count === 1;
}

/** Removes one of the person's passkeys; refused when it is their last second factor and the rule requires one. */
export async function removePasskey(userId: string, passkeyId: string, secondFactorRequired: boolean): Promise<void> {
  await db.$transaction(async (tx) => {
    const [user] = await tx.$queryRaw<Array<{ totpEnabledAt: Date | null }>>`SELECT "totpEnabledAt" FROM "User" WHERE id = ${userId} FOR UPDATE`;
    const passkey = await tx.passkey.findFirst({ where: { id: passkeyId, userId }, select: { name: true } });
    if (!passkey) throw new PasskeyError('That passkey was already removed; reload the page.');
    const others = await tx.passkey.count({ where: { userId, NOT: { id: passkeyId } } });
    if (secondFactorRequired && !user?.totpEnabledAt && others === 0) {
      throw new PasskeyError('A second factor is required for your account: add another passkey or an authenticator app before removing this one.');
    }
    await tx.passkey.delete({ where: { id: passkeyId } });
    await tx.staffChange.create({ data: { kind: 'PASSKEY_REMOVED', actorId: userId, targetId: userId, before: { passkey: passkey.name } } });
  });
}
