import { AlertTriangle, ArrowRight, CalendarClock, Send } from 'lucide-react';
import Link from 'next/link';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import type { NextStep } from '@/lib/overview/next-steps';

const ICONS = { warning: AlertTriangle, action: Send, info: CalendarClock } as const;
const ICON_COLOURS = { warning: 'text-warning', action: 'text-primary', info: 'text-muted-foreground' } as const;

/** "What to do next": each step in a sentence, with the link that takes it. */
export function NextSteps({ steps }: { steps: NextStep[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle asHeading="h2">What to do next</CardTitle>
      </CardHeader>
      <CardContent>
        {steps.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nothing needs doing: every number with chats has an active card, and no chat is waiting for it.</p>
        ) : (
          <ul className="flex flex-col divide-y" aria-label="Next steps">
            {steps.map((step) => {
              const Icon = ICONS[step.tone];
              return (
                <li key={step.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm first:pt-0 last:pb-0">
                  <Icon className={`size-4 shrink-0 ${ICON_COLOURS[step.tone]}`} aria-hidden />
                  <span className="min-w-0 flex-1">{step.text}</span>
                  {step.href && step.action && (
                    <Link href={step.href} className="inline-flex items-center gap-1 font-medium text-primary underline-offset-2 hover:underline">
                      {step.action}
                      <span className="sr-only">: {step.text}</span>
                      <ArrowRight className="size-3.5" aria-hidden />
                    </Link>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
