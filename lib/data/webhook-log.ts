import 'server-only';
import { requirePermission } from '@/lib/auth/guards';
import { getSettings } from '@/lib/env';
import type { DeliveryLogFilters } from '@/lib/validations/webhook-log';
import { readDeliveryLog, readRefusals } from '@/lib/webhooks/delivery-log';

/** Settings → Webhooks → Delivery log (admins): a page of deliveries and the days' refusals. */
export async function getDeliveryLog(filters: DeliveryLogFilters) {
  await requirePermission('manageSettings');
  const retentionDays = getSettings().webhookRetentionDays;
  const [log, refusals] = await Promise.all([
    readDeliveryLog({ eventType: filters.type, status: filters.status, before: filters.before }),
    readRefusals(retentionDays),
  ]);
  return { ...log, refusals, retentionDays };
}

export type DeliveryLog = Awaited<ReturnType<typeof getDeliveryLog>>;
