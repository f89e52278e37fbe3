import { FlaskConical, Radio } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import type { LinqTarget } from '@/lib/env';

/** Says plainly whether shares reach real customers (live) or the local sandbox. */
export function LinqModeBadge({ mode }: { mode: LinqTarget['mode'] }) {
  return mode === 'sandbox' ? (
    <Badge tone="warning" className="shrink-0" title="Linq calls go to the local sandbox: no real messages are affected.">
      <FlaskConical aria-hidden />
      Sandbox
    </Badge>
  ) : (
    <Badge tone="success" className="shrink-0" title="Linq calls go to the real Linq API.">
      <Radio aria-hidden />
      Live
    </Badge>
  );
}
