import { CheckCircle2, CircleDashed, Clock } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import type { CardStatus } from '@/lib/lines/card-status';

export const CARD_STATUS_LABELS: Record<CardStatus, string> = {
  active: 'Active',
  inactive: 'Not applied yet',
  none: 'No card',
};

export function CardStatusBadge({ status }: { status: CardStatus }) {
  if (status === 'active') {
    return (
      <Badge tone="success">
        <CheckCircle2 aria-hidden /> {CARD_STATUS_LABELS.active}
      </Badge>
    );
  }
  if (status === 'inactive') {
    return (
      <Badge tone="warning">
        <Clock aria-hidden /> {CARD_STATUS_LABELS.inactive}
      </Badge>
    );
  }
  return (
    <Badge tone="neutral">
      <CircleDashed aria-hidden /> {CARD_STATUS_LABELS.none}
    </Badge>
  );
}
