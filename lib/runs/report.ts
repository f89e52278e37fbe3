// A run's report: its items grouped by outcome and reason, as staff read it. Pure.
import { formatCount } from '@/lib/format';
import { reasonLabel } from '@/lib/runs/outcome';

export type ItemGroupState = 'PENDING' | 'SENDING' | 'RETRY' | 'SHARED' | 'REFUSED' | 'FAILED' | 'UNKNOWN' | 'SKIPPED';

export interface ItemGroup {
  state: ItemGroupState;
  reason: string | null;
  count: number;
}

/** The report's sections, in this order; waiting covers chats not done yet. */
export const REPORT_SECTIONS = ['SHARED', 'REFUSED', 'FAILED', 'UNKNOWN', 'SKIPPED', 'WAITING'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export const SECTION_LABELS: Record<ReportSection, string> = {
  SHARED: 'Shared',
  REFUSED: 'Refused',
  FAILED: 'Failed',
  UNKNOWN: 'Unknown outcome',
  SKIPPED: 'Skipped',
  WAITING: 'Waiting',
};

/** The share outcome in History that each section's chats have (skipped and waiting ones have none). */
export const SECTION_HISTORY_OUTCOME: Partial<Record<ReportSection, 'SUCCEEDED' | 'REFUSED' | 'FAILED' | 'UNKNOWN'>> = {
  SHARED: 'SUCCEEDED',
  REFUSED: 'REFUSED',
  FAILED: 'FAILED',
  UNKNOWN: 'UNKNOWN',
};

export interface ReportLine {
  section: ReportSection;
  count: number;
  /** `docUrl`: Linq's page about its error code, when Linq sent one. */
  reasons: Array<{ reason: string | null; label: string; count: number; docUrl?: string }>;
}

function sectionOf(state: ItemGroupState): ReportSection {
  return state === 'PENDING' || state === 'SENDING' || state === 'RETRY' ? 'WAITING' : state;
}

/** Sections with at least one chat, each with its reasons, largest first. */
export function reportLines(groups: ItemGroup[], docUrls: ReadonlyMap<string, string> = new Map()): ReportLine[] {
  const lines = new Map<ReportSection, Map<string | null, number>>();
  for (const group of groups) {
    if (group.count === 0) continue;
    const section = sectionOf(group.state);
    const reasons = lines.get(section) ?? new Map<string | null, number>();
    // A chat waiting for a retry is waiting, whatever failed last time.
    const reason = section === 'WAITING' || section === 'SHARED' ? null : group.reason;
    reasons.set(reason, (reasons.get(reason) ?? 0) + group.count);
    lines.set(section, reasons);
  }
  return REPORT_SECTIONS.filter((section) => lines.has(section)).map((section) => {
    const reasons = [...lines.get(section)!.entries()]
      .map(([reason, count]) => ({ reason, label: reasonLabel(reason), count, ...(reason && docUrls.has(reason) && { docUrl: docUrls.get(reason) }) }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
    return { section, count: reasons.reduce((sum, r) => sum + r.count, 0), reasons: reasons.every((r) => r.reason === null) ? [] : reasons };
  });
}

/** "Shared 4,812; refused 37: shared within the cooldown 30, no active card 7; failed 3: Linq refused the request (1005)". */
export function reportSentence(lines: ReportLine[]): string {
  if (lines.length === 0) return 'No chats.';
  return lines
    .map((line, index) => {
      const label = SECTION_LABELS[line.section];
      const head = `${index === 0 ? label : label.toLowerCase()} ${formatCount(line.count)}`;
      if (line.reasons.length === 0) return head;
      // One reason covers the whole section: its count would only repeat the section's.
      if (line.reasons.length === 1) return `${head}: ${line.reasons[0]!.label}`;
      return `${head}: ${line.reasons.map((r) => `${r.label} ${formatCount(r.count)}`).join(', ')}`;
    })
    .join('; ');
}
