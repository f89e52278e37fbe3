import 'server-only';
import { readChannels, readRules } from '@/lib/alerts/store';
import { requirePermission } from '@/lib/auth/guards';
import { db } from '@/lib/db';

/** The latest alerts shown under the settings (History lists them all). */
const RECENT = 10;

/** Settings → Alerts (admins): the channels (never their secrets), each event's rule, the latest alerts. */
export async function getAlertSettings() {
  await requirePermission('manageSettings');
  const [channels, rules, recent] = await Promise.all([
    readChannels(),
    readRules(),
    db.alert.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: RECENT, include: { deliveries: { orderBy: { channel: 'asc' } } } }),
  ]);
  return { channels, rules, recent };
}
