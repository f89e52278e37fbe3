'use client';

import { HealthBadge, ServiceBadge } from '@/components/chats/chat-badges';
import { ChatMessages } from '@/components/chats/chat-messages';
import { EligibilityRules } from '@/components/chats/eligibility-cell';
import { ReleaseHold, ShareAttempts } from '@/components/chats/share-history-sheet';
import { useNow } from '@/components/hooks/use-now';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { DateTime, RelativeTime, useViewerTimeZone } from '@/components/ui/date-time';
import { evaluateEligibility } from '@/lib/chats/eligibility';
import type { ChatPanel } from '@/lib/chats/views';

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

/** Who wrote last, from the index's last inbound and outbound messages. */
function LastWriter({ inbound, outbound }: { inbound: string | null; outbound: string | null }) {
  if (!inbound && !outbound) return <>No message seen yet</>;
  const customer = inbound && (!outbound || inbound > outbound);
  return (
    <>
      {customer ? 'The customer' : 'You'}, <RelativeTime value={(customer ? inbound : outbound)!} />
    </>
  );
}

/**
 * A chat's panel: the index's facts, its eligibility rule by rule, every share with its outcome,
 * and the last messages read from Linq as it opens.
 */
export function ChatPanelView({ panel, canRelease }: { panel: ChatPanel; canRelease: boolean }) {
  const { row } = panel;
  const now = useNow() ?? new Date(panel.generatedAt);
  const timeZone = useViewerTimeZone() ?? 'UTC';
  const eligibility = evaluateEligibility({
    chat: row.facts,
    outbound: row.outbound,
    cardStatus: row.cardStatus,
    lastSharedAt: row.lastSharedAt ? new Date(row.lastSharedAt) : null,
    now,
    cooldownMs: panel.cooldownMs,
    lineFlagged: row.lineFlagged,
    lastShareUncertain: row.lastShareUncertain,
    timeZone,
  });
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle>In the index</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
              <Fact term="Participants">{row.participants.join(', ') || '—'}</Fact>
              <Fact term="Sending number">
                <span className="font-mono text-xs">{row.sendingNumber ?? 'None of your numbers'}</span>
              </Fact>
              <Fact term="Service">
                <ServiceBadge service={row.facts.service} />
              </Fact>
              <Fact term="Health">
                <HealthBadge health={row.facts.health} />
              </Fact>
              <Fact term="Chat type">{row.facts.isGroup ? 'Group' : 'Direct'}</Fact>
              <Fact term="Wrote last">
                <LastWriter inbound={row.lastInboundAt} outbound={panel.lastOutboundAt} />
              </Fact>
              <Fact term="Last activity">
                <RelativeTime value={row.activityAt} />
              </Fact>
              <Fact term="Last shared">{row.lastSharedAt ? <RelativeTime value={row.lastSharedAt} /> : 'Never'}</Fact>
              <Fact term="In the index since">
                <DateTime value={panel.firstSeenAt} />
              </Fact>
              {panel.goneAt && (
                <Fact term="Gone">
                  Linq no longer lists this chat (since <DateTime value={panel.goneAt} />
                  ); it is kept for its history.
                </Fact>
              )}
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader className="flex-row items-center gap-2">
            <CardTitle>Eligibility</CardTitle>
            {eligibility.eligible ? (
              <Badge tone="success">Eligible</Badge>
            ) : eligibility.pending ? (
              <Badge tone="neutral">Checking…</Badge>
            ) : (
              <Badge tone="danger">Not eligible</Badge>
            )}
          </CardHeader>
          <CardContent className="text-sm">
            <EligibilityRules eligibility={eligibility} />
          </CardContent>
        </Card>
      </div>
      <div className="flex flex-col gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Last messages</CardTitle>
          </CardHeader>
          <CardContent>
            <ChatMessages chatId={row.id} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Shares</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            {row.lastShareUncertain && canRelease && <ReleaseHold chatId={row.id} />}
            <ShareAttempts chatId={row.id} />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
