import { Badge, type BadgeTone } from '@/components/ui/badge';
import { PHASE_LABELS, type RunPhase } from '@/lib/runs/phase';

const TONES: Record<RunPhase['kind'], BadgeTone> = {
  running: 'info',
  paused_by_linq: 'warning',
  retrying: 'warning',
  paused_by_staff: 'warning',
  paused_for_owner: 'danger',
  completed: 'success',
  cancelled: 'neutral',
};

/** One state at a time: what the run is doing now. */
export function RunStatusBadge({ phase }: { phase: RunPhase['kind'] }) {
  return <Badge tone={TONES[phase]}>{PHASE_LABELS[phase]}</Badge>;
}
