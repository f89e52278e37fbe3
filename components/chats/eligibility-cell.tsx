'use client';

import { AlertTriangle, Check, CircleHelp, Loader2, X } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Popover, PopoverContent, PopoverTrigger } from '@/components/ui/popover';
import type { Eligibility, RuleId, RuleStatus } from '@/lib/chats/eligibility';

const RULE_LABELS: Record<RuleId, string> = {
  imessage: 'iMessage chat',
  outbound: 'You have sent a message',
  card: 'Active contact card',
  cooldown: 'Not shared within the cooldown',
};

function RuleIcon({ status }: { status: RuleStatus }) {
  if (status === 'pass') return <Check className="size-4 shrink-0 text-success" aria-label="Passes" />;
  if (status === 'fail') return <X className="size-4 shrink-0 text-destructive" aria-label="Fails" />;
  return <Loader2 className="size-4 shrink-0 animate-spin text-muted-foreground" aria-label="Checking" />;
}

/** Every rule with its reason, and the warnings (the "Why" popover, a chat's panel). */
export function EligibilityRules({ eligibility }: { eligibility: Eligibility }) {
  return (
    <ul className="flex flex-col gap-2">
      {eligibility.rules.map((rule) => (
        <li key={rule.id} className="flex gap-2">
          <RuleIcon status={rule.status} />
          <div>
            <p className="font-medium">{RULE_LABELS[rule.id]}</p>
            <p className="text-muted-foreground">{rule.reason}</p>
          </div>
        </li>
      ))}
      {eligibility.warnings.map((warning) => (
        <li key={warning.id} className="flex gap-2">
          <AlertTriangle className={`size-4 shrink-0 ${warning.blocking ? 'text-destructive' : 'text-warning'}`} aria-hidden />
          <p>{warning.message}</p>
        </li>
      ))}
    </ul>
  );
}

/** The verdict, the first reason against, and every rule with its reason on demand. */
export function EligibilityCell({ eligibility, label }: { eligibility: Eligibility; label: string }) {
  return (
    <div className="flex min-w-44 flex-col gap-1">
      <div className="flex items-center gap-1.5">
        {eligibility.eligible ? (
          <Badge tone="success">Eligible</Badge>
        ) : eligibility.pending ? (
          <Badge tone="neutral">
            <Loader2 className="animate-spin" aria-hidden /> Checking…
          </Badge>
        ) : (
          <Badge tone="danger">Not eligible</Badge>
        )}
        {eligibility.warnings.some((w) => !w.blocking) && <AlertTriangle className="size-3.5 text-warning" aria-label="Has warnings" />}
        <Popover>
          <PopoverTrigger
            className="inline-flex size-6 items-center justify-center rounded text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
            aria-label={`Why, for ${label}`}
          >
            <CircleHelp className="size-4" aria-hidden />
          </PopoverTrigger>
          <PopoverContent aria-label={`Eligibility of ${label}`}>
            <EligibilityRules eligibility={eligibility} />
          </PopoverContent>
        </Popover>
      </div>
      {eligibility.blockedBecause && <p className="max-w-72 text-xs text-muted-foreground">{eligibility.blockedBecause}</p>}
    </div>
  );
}
