import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { RunView } from '@/lib/runs/view';

const STATUSES: Record<RunView['status'], { label: string; tone: BadgeTone }> = {
  RUNNING: { label: 'Running', tone: 'info' },
  PAUSED: { label: 'Paused', tone: 'warning' },
  CANCELLED: { label: 'Cancelled', tone: 'neutral' },
  COMPLETED: { label: 'Completed', tone: 'success' },
};

export function RunStatusBadge({ status }: { status: RunView['status'] }) {
  return <Badge tone={STATUSES[status].tone}>{STATUSES[status].label}</Badge>;
}
