// What an automatic share waits for, or why it was skipped, in words. Pure: the card page, History
// and the CSV say it the same way.
import { reasonLabel } from '@/lib/runs/outcome';

/** What a waiting share waits for, past its delay. */
export const WAIT_REASONS: Record<string, string> = {
  delay: 'its delay',
  quiet_hours: 'the end of quiet hours',
  cap: 'the next day (today’s cap is reached)',
  paused: 'automatic shares to be resumed',
  owner: 'someone who can share to take the rule over',
  rate_limited: 'Linq’s rate limit to pass',
  retry: 'another try (Linq failed on its side)',
  line_flagged: 'Linq to lift its flag on the number',
  interrupted: 'another try (the console stopped before sending)',
  sending: 'nothing: being sent now',
};

const SKIP_REASONS: Record<string, string> = {
  rule_off: 'automatic share was switched off',
  stale: 'held more than two days: the conversation is no longer at its start',
  group: 'a group chat',
  number_changed: 'the chat moved to another number',
};

/** Why an automatic share was skipped or failed: its own reasons, then a share's (reasonLabel). */
export function autoReasonLabel(reason: string | null): string {
  return (reason && SKIP_REASONS[reason]) || reasonLabel(reason);
}
