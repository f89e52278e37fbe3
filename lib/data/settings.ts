import 'server-only';
import { requirePermission } from '@/lib/auth/guards';
import { readSecondFactorRule } from '@/lib/auth/second-factor';
import { SSO_PROVIDER_ID } from '@/lib/auth/sso';
import { readSsoSettings } from '@/lib/auth/sso-settings';
import { db } from '@/lib/db';
import { getSettings } from '@/lib/env';
import { getLinq, readLinq, type LinqRead, type LinqWebhookSubscription } from '@/lib/linq';
import { publicUrlProblems, type PublicUrlProblem } from '@/lib/photos/public-url';
import { openWebhookSecret } from '@/lib/webhooks/keys';
import { flushRefusals } from '@/lib/webhooks/refusals';
import { utcDay } from '@/lib/webhooks/stats';
import { webhookTargetUrl } from '@/lib/webhooks/subscription';

function subscriptionState(read: LinqRead<LinqWebhookSubscription | null> | null): 'active' | 'inactive' | 'missing' | 'unknown' | null {
  if (read === null) return null;
  if (!read.ok) return 'unknown';
  if (!read.value) return 'missing';
  return read.value.isActive ? 'active' : 'inactive';
}

export async function getWebhookSettings() {
  await requirePermission('manageSettings');
  const settings = getSettings();
  const today = new Date(`${utcDay(new Date())}T00:00:00Z`);
  const [subscription, lastDelivery, deliveriesToday, day] = await Promise.all([
    db.webhookSubscription.findFirst(),
    db.webhookDelivery.findFirst({ orderBy: { receivedAt: 'desc' }, select: { receivedAt: true, eventType: true, status: true } }),
    db.webhookDelivery.count({ where: { receivedAt: { gte: today } } }),
    // (Refusals counted on this instance and not written yet are written first.)
    flushRefusals().then(() => db.webhookDay.findUnique({ where: { day: utcDay(new Date()) } })),
  ]);
  const createdBy = subscription ? await db.user.findUnique({ where: { id: subscription.createdById }, select: { name: true } }) : null;
  // Whether Linq still has the subscription (it may have been deleted on Linq's dashboard).
  const atLinq: LinqRead<LinqWebhookSubscription | null> | null = subscription
    ? await readLinq(async () => (await getLinq().listWebhookSubscriptions()).find((s) => s.id === subscription.id) ?? null)
    : null;
  return {
    targetUrl: webhookTargetUrl(),
    publicUrlProblems: publicUrlProblems(settings.publicBaseUrl) as PublicUrlProblem[],
    mode: settings.linq.mode,
    envSecret: Boolean(settings.linqWebhookSecret),
    subscription: subscription && {
      id: subscription.id,
      targetUrl: subscription.targetUrl,
      events: subscription.events,
      createdAt: subscription.createdAt.toISOString(),
      createdBy: createdBy?.name ?? 'a former staff member',
      secretReadable: openWebhookSecret(subscription.secretCiphertext) !== null,
      atLinq: subscriptionState(atLinq),
    },
    lastDelivery: lastDelivery && { at: lastDelivery.receivedAt.toISOString(), eventType: lastDelivery.eventType, status: lastDelivery.status },
    today: {
      deliveries: deliveriesToday,
      duplicates: day?.duplicates ?? 0,
      refusals: day?.refusals ?? 0,
      lastRefusal: day?.lastRefusalAt ? { at: day.lastRefusalAt.toISOString(), reason: day.lastRefusalReason ?? '' } : null,
    },
  };
}

export type WebhookSettings = Awaited<ReturnType<typeof getWebhookSettings>>;

export async function getBackgroundWork() {
  await requirePermission('manageSettings');
  const settings = getSettings();
  const [syncs, jobs, failures] = await Promise.all([
    db.chatSyncRun.findMany({ orderBy: { startedAt: 'desc' }, take: 10 }),
    db.jobRun.findMany({ orderBy: { startedAt: 'desc' }, take: 25 }),
    db.jobRun.findMany({ where: { status: 'FAILED' }, orderBy: { startedAt: 'desc' }, take: 1 }),
  ]);
  // The share runs the jobs worked on, so that each job is named after its run and links to it.
  const runIds = [...new Set(jobs.filter((job) => job.queue === 'runs.share' && job.subjectId).map((job) => job.subjectId!))];
  const runs = new Map(
    (await db.shareRun.findMany({ where: { id: { in: runIds } }, select: { id: true, source: true, createdAt: true } })).map((run) => [run.id, run]),
  );
  return {
    workers: settings.backgroundJobs,
    syncIntervalMinutes: settings.chatSyncIntervalMs / 60_000,
    syncs,
    jobs: jobs.map((job) => ({ ...job, run: (job.subjectId && runs.get(job.subjectId)) || null })),
    lastFailure: failures[0] ?? null,
  };
}

export type BackgroundWork = Awaited<ReturnType<typeof getBackgroundWork>>;

/** Settings → Sign-in: who must use a second factor, and how many active people of each role have none yet. */
export async function getSignInSettings() {
  await requirePermission('manageSettings');
  const [rule, without, sso] = await Promise.all([
    readSecondFactorRule(),
    db.user.groupBy({ by: ['role'], where: { disabled: false, totpEnabledAt: null, passkeys: { none: {} } }, _count: true }),
    readSsoSettings(),
  ]);
  const withoutSecondFactor = { ADMIN: 0, OPERATOR: 0, VIEWER: 0 };
  for (const row of without) withoutSecondFactor[row.role] = row._count;
  return { rule, withoutSecondFactor, ssoName: sso?.name ?? null };
}

export type SignInSettings = Awaited<ReturnType<typeof getSignInSettings>>;

/** Settings → Single sign-on: the provider's connection, and the admins who may be the break-glass one. */
export async function getSsoSettings() {
  await requirePermission('manageSettings');
  const [settings, admins] = await Promise.all([
    readSsoSettings(),
    db.user.findMany({ where: { role: 'ADMIN', disabled: false }, select: { id: true, name: true, email: true }, orderBy: { email: 'asc' } }),
  ]);
  return { settings, admins, callbackUrl: `${getSettings().publicBaseUrl}/api/auth/callback/${SSO_PROVIDER_ID}` };
}

export type SsoSettingsPage = Awaited<ReturnType<typeof getSsoSettings>>;
