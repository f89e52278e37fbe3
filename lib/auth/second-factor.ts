import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { openConsoleSecret, sealConsoleSecret } from '@/lib/auth/console-secrets';
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from '@/lib/auth/recovery-codes';
import { SECOND_FACTOR_RULE_LABELS, type SecondFactorRule } from '@/lib/auth/second-factor-rule';
import { readSignInPolicy } from '@/lib/auth/sso';
import { matchTotp, newTotpSecret } from '@/lib/auth/totp';
import { db } from '@/lib/db';

// A person's second factor as stored: the authenticator app's secret (sealed), the step of the last
// code accepted, and ten hashed recovery codes. Every change is recorded in the staff history.

export async function readSecondFactorRule(): Promise<SecondFactorRule> {
  return (await readSignInPolicy()).secondFactor;
}

export async function setSecondFactorRule(actorId: string, rule: SecondFactorRule): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await readRuleIn(tx);
    if (before === rule) return;
    await tx.signInPolicy.upsert({ where: { id: 1 }, create: { id: 1, secondFactor: rule }, update: { secondFactor: rule } });
    await tx.settingsChange.create({
      data: {
        kind: 'SECOND_FACTOR_RULE_CHANGED',
        actorId,
        before: { 'second factor': SECOND_FACTOR_RULE_LABELS[before] },
        after: { 'second factor': SECOND_FACTOR_RULE_LABELS[rule] },
      },
    });
  });
}

async function readRuleIn(tx: Prisma.TransactionClient): Promise<SecondFactorRule> {
  // Locks the row (when there is one) so that two admins' changes are recorded in order.
  const rows = await tx.$queryRaw<Array<{ secondFactor: SecondFactorRule }>>`SELECT "secondFactor" FROM "SignInPolicy" WHERE id = 1 FOR UPDATE`;
  return rows[0]?.secondFactor ?? 'OPTIONAL';
}

export interface SecondFactorStatus {
  enabledAt: Date | null;
  recoveryCodesLeft: number;
}

export async function readSecondFactorStatus(userId: string): Promise<SecondFactorStatus> {
  const [user, recoveryCodesLeft] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return { enabledAt: user?.totpEnabledAt ?? null, recoveryCodesLeft };
}

/** A problem the person can fix; `message` is shown as is. */
export class SecondFactorError extends Error {
  override name = 'SecondFactorError';
}

/**
 * Starts setting up an authenticator app: a new secret, kept sealed until a first code confirms
 * it. Starting again replaces a secret that was never confirmed; an app already on stays on.
 */
export async function beginTotpSetup(userId: string): Promise<string> {
  const secret = newTotpSecret();
  const { count } = await db.user.updateMany({
    where: { id: userId, totpEnabledAt: null },
    data: { totpSecret: sealConsoleSecret(secret), totpLastStep: null },
  });
  if (count === 0) throw new SecondFactorError('An authenticator app is already set up. Turn it off first to set up another.');
  return secret;
}

async function replaceRecoveryCodes(tx: Prisma.TransactionClient, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(normalizeRecoveryCode(code)!) })) });
  return codes;
}

/** Turns the app on once it shows the right code; returns the ten recovery codes, shown once. */
export async function confirmTotpSetup(userId: string, code: string, now = Date.now()): Promise<string[]> {
  return db.$transaction(async (tx) => {
    const [user] = await tx.$queryRaw<Array<{ totpSecret: string | null; totpEnabledAt: Date | null }>>`
      SELECT "totpSecret", "totpEnabledAt" FROM "User" WHERE id = ${userId} FOR UPDATE`;
    if (user?.totpEnabledAt) throw new SecondFactorError('Your authenticator app is already set up.');
    const secret = user?.totpSecret ? openConsoleSecret(user.totpSecret) : null;
    if (!secret) throw new SecondFactorError('Start again: press "Set up an authenticator app" to get a new QR code.');
    const step = matchTotp(secret, code, now, null);
    if (step === null) throw new SecondFactorError('That code does not match. Check the app shows "Contact Card Console" and type the 6 digits it shows now.');
    await tx.user.update({ where: { id: userId }, data: { totpEnabledAt: new Date(now), totpLastStep: step } });
    await tx.staffChange.create({ data: { kind: 'SECOND_FACTOR_ON', actorId: userId, targetId: userId } });
    return replaceRecoveryCodes(tx, userId);
  });
}

export type FactorUsed = 'app' | 'recovery code';

/**
 * Checks a code typed at sign-in or to confirm a change: the app's current code (never one already
 * used) or an unused recovery code, which is then spent. Both are claimed with a conditional
 * update, so two requests racing with the same code cannot both pass.
 */
export async function verifySecondFactor(userId: string, input: string, now = Date.now()): Promise<FactorUsed | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpEnabledAt: true, totpLastStep: true } });
  if (!user?.totpEnabledAt || !user.totpSecret) return null;
  const secret = openConsoleSecret(user.totpSecret);
  const step = secret ? matchTotp(secret, input, now, user.totpLastStep) : null;
  if (step !== null) {
    const { count } = await db.user.updateMany({
      where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return count === 1 ? 'app' : null;
  }
  const recovery = normalizeRecoveryCode(input);
  if (!recovery) return null;
  const { count } = await db.recoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(recovery), usedAt: null },
    data: { usedAt: new Date(now) },
  });
  return count === 1 ? 'recovery code' : null;
}

/** New recovery codes (the old ones stop working), once a current code proves the app is at hand. */
export async function renewRecoveryCodes(userId: string, code: string): Promise<string[]> {
  if (!(await verifySecondFactor(userId, code)))
    throw new SecondFactorError('That code is not right. Type the 6 digits your app shows now, or a recovery code.');
  return db.$transaction((tx) => replaceRecoveryCodes(tx, userId));
}

async function clearSecondFactor(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
  await tx.recoveryCode.deleteMany({ where: { userId } });
}

/**
 * The person turns their authenticator app off, with a current code; refused when the rule requires
 * a second factor and no passkey would be left to be one.
 */
export async function turnOffSecondFactor(userId: string, code: string, required: boolean): Promise<void> {
  if (required && (await db.passkey.count({ where: { userId } })) === 0)
    throw new SecondFactorError(
      'A second factor is required for your account, so it cannot be turned off. Add a passkey first, or ask an admin to reset it if you need to set it up again.',
    );
  if (!(await verifySecondFactor(userId, code)))
    throw new SecondFactorError('That code is not right. Type the 6 digits your app shows now, or a recovery code.');
  await db.$transaction(async (tx) => {
    await clearSecondFactor(tx, userId);
    await tx.staffChange.create({ data: { kind: 'SECOND_FACTOR_OFF', actorId: userId, targetId: userId } });
  });
}

/** An admin removes someone's second factor (a lost phone); they set it up again at their next sign-in if required. */
export async function resetSecondFactor(actorId: string, targetId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: targetId }, select: { totpSecret: true, _count: { select: { passkeys: true } } } });
    if (!target) throw new SecondFactorError('That staff member no longer exists; refresh the page.');
    if (!target.totpSecret && target._count.passkeys === 0) throw new SecondFactorError('This person has no second factor to reset.');
    await clearSecondFactor(tx, targetId);
    await tx.passkey.deleteMany({ where: { userId: targetId } });
    await tx.staffChange.create({ data: { kind: 'SECOND_FACTOR_RESET', actorId, targetId } });
  });
}
