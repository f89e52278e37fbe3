import 'server-only';
import { sendWaitingAlerts } from '@/lib/alerts/send';

/** alerts.send: the waiting alerts, one message per channel. */
export function handleAlertSendJob(): Promise<string | undefined> {
  return sendWaitingAlerts();
}
