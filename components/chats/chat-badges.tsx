import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { ChatHealth } from '@/lib/linq/types';

export function ServiceBadge({ service }: { service: string | null }) {
  if (!service) return <Badge tone="neutral">Unknown</Badge>;
  return <Badge tone={service === 'iMessage' ? 'info' : 'neutral'}>{service}</Badge>;
}

const HEALTH: Record<ChatHealth, { label: string; tone: BadgeTone }> = {
  HEALTHY: { label: 'Healthy', tone: 'success' },
  AT_RISK: { label: 'At risk', tone: 'warning' },
  CRITICAL: { label: 'Critical', tone: 'danger' },
  OPTED_OUT: { label: 'Opted out', tone: 'danger' },
};

export function HealthBadge({ health }: { health: ChatHealth | null }) {
  if (!health) return <Badge tone="neutral">Unknown</Badge>;
  return <Badge tone={HEALTH[health].tone}>{HEALTH[health].label}</Badge>;
}
