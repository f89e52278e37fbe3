import { Badge } from '@/components/ui/badge';
import { RelativeTime } from '@/components/ui/date-time';
import type { ChannelView } from '@/lib/alerts/store';

/** A channel's state: on or off, its last delivery, and its last error when that came after. */
export function ChannelStatus({ channel }: { channel: ChannelView }) {
  const failing = channel.lastErrorAt !== null && (channel.lastDeliveredAt === null || channel.lastErrorAt > channel.lastDeliveredAt);
  return (
    <div className="flex flex-col gap-1 text-sm" role="status" aria-label={`${channel.kind === 'EMAIL' ? 'Email' : 'Slack'} channel status`}>
      <div className="flex flex-wrap items-center gap-2">
        {!channel.configured ? <Badge>Not set up</Badge> : channel.enabled ? <Badge tone="success">On</Badge> : <Badge>Off</Badge>}
        {failing && <Badge tone="danger">Failing</Badge>}
        <span className="text-muted-foreground">Last delivered: {channel.lastDeliveredAt ? <RelativeTime value={channel.lastDeliveredAt} /> : 'never'}</span>
      </div>
      {failing && channel.lastError && (
        <p className="text-destructive">
          Last error (<RelativeTime value={channel.lastErrorAt!} />
          ): {channel.lastError}
        </p>
      )}
    </div>
  );
}
