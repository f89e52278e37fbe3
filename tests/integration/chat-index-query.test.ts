import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateEligibility, type Eligibility } from '@/lib/chats/eligibility';
import { chatSearchText } from '@/lib/chats/index-facts';
import type { ChatRow } from '@/lib/chats/index-query';
import type { CardStatus } from '@/lib/lines/card-status';
import { SeededRandom } from '@/lib/sandbox/random';
import { BLOCK_REASONS, chatPageQuerySchema, type BlockReason, type ChatPageQuery } from '@/lib/validations/chats';
import { startTestConsole } from '../support/console-harness';

// The Chats page's filters are SQL over the index; eligibility is a pure function. Over a few
// hundred chats with every combination of facts, each filter must pick exactly the chats the
// pure function says, page after page.

const h = startTestConsole();
const COOLDOWN = 24 * 3_600_000;
const NOW = new Date();
const LINES: Record<string, CardStatus | undefined> = {
  '+14155550100': 'active',
  '+14155550101': 'none',
  '+14155550102': 'inactive',
  '+14155550103': undefined,
};

let rows: ChatRow[] = [];

function verdict(row: ChatRow): Eligibility {
  return evaluateEligibility({
    chat: row.facts,
    outbound: row.outbound,
    cardStatus: row.cardStatus,
    lastSharedAt: row.lastSharedAt ? new Date(row.lastSharedAt) : null,
    now: NOW,
    cooldownMs: COOLDOWN,
  });
}

const failing = (row: ChatRow, reason: BlockReason): boolean => {
  const e = verdict(row);
  const rule = (id: string) => e.rules.find((r) => r.id === id)?.status === 'fail';
  const warning = (id: string) => e.warnings.some((w) => w.id === id);
  return {
    not_imessage: rule('imessage'),
    no_outbound: rule('outbound'),
    no_card: rule('card'),
    cooldown: rule('cooldown'),
    opted_out: warning('opted_out'),
    left: warning('left'),
  }[reason];
};

async function allPages(filters: Partial<ChatPageQuery>): Promise<string[]> {
  const { queryChatIndex } = await import('@/lib/chats/index-query');
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryChatIndex(chatPageQuerySchema.parse({ limit: '20', ...filters, cursor }), null, COOLDOWN, NOW);
    ids.push(...page.rows.map((row) => row.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

beforeAll(async () => {
  const random = new SeededRandom(42);
  const { db } = h;
  for (const [phoneNumber, cardStatus] of Object.entries(LINES)) {
    if (cardStatus) await db.sendingLine.create({ data: { phoneNumber, cardStatus } });
  }
  for (let i = 0; i < 400; i++) {
    const id = `chat-${String(i).padStart(3, '0')}`;
    const sendingNumber = random.chance(0.05) ? null : random.pick(Object.keys(LINES));
    const activityAt = new Date(NOW.getTime() - random.int(0, 60 * 24) * 60_000);
    const displayName = random.chance(0.3) ? `Team ${i}` : null;
    const participant = `+1312555${String(i).padStart(4, '0')}`;
    await db.chat.create({
      data: {
        id,
        sendingNumber,
        service: random.pick(['iMessage', 'iMessage', 'iMessage', 'SMS', 'RCS', null]),
        isGroup: random.chance(0.2),
        health: random.pick(['HEALTHY', 'HEALTHY', 'AT_RISK', 'CRITICAL', 'OPTED_OUT', null]),
        // Only a chat one of the lines is in can have been left by it.
        hasLeft: sendingNumber !== null && random.chance(0.1),
        displayName,
        participants: [participant],
        searchText: chatSearchText({ displayName, handles: [{ handle: participant, isMe: false, status: 'active', service: null }] }),
        outbound: random.pick(['YES', 'YES', 'NO', 'UNKNOWN'] as const),
        activityAt,
        // A few chats Linq no longer has: never listed.
        goneAt: random.chance(0.03) ? NOW : null,
      },
    });
    const shared = random.pick([null, null, 2, 30]);
    if (shared !== null) await db.chatShareState.create({ data: { chatId: id, lastSucceededAt: new Date(NOW.getTime() - shared * 3_600_000) } });
  }
  const { queryChatIndex } = await import('@/lib/chats/index-query');
  // Every row, as the page sees it.
  rows = [];
  let cursor: string | undefined;
  do {
    const page = await queryChatIndex(chatPageQuerySchema.parse({ limit: '100', cursor }), null, COOLDOWN, NOW);
    rows.push(...page.rows);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
});

describe('the chat index query', () => {
  it('pages through every live chat once, most recently active first', async () => {
    const ids = await allPages({});
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(rows.map((row) => row.id));
    const times = rows.map((row) => row.activityAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('"Eligible now", "Checking" and "Not eligible" pick exactly what the eligibility rules say', async () => {
    const expected = {
      eligible: rows.filter((row) => verdict(row).eligible),
      checking: rows.filter((row) => verdict(row).pending),
      ineligible: rows.filter((row) => !verdict(row).eligible && !verdict(row).pending),
    };
    for (const [show, want] of Object.entries(expected)) {
      expect(want.length, show).toBeGreaterThan(0);
      expect(await allPages({ show: show as ChatPageQuery['show'] }), show).toEqual(want.map((row) => row.id));
    }
  });

  it('each blocking rule picks the chats that fail it', async () => {
    for (const reason of BLOCK_REASONS) {
      const want = rows.filter((row) => failing(row, reason)).map((row) => row.id);
      expect(want.length, reason).toBeGreaterThan(0);
      expect(await allPages({ show: 'ineligible', reason }), reason).toEqual(want);
    }
  });

  it('combines number, service, health, group, shared and search, and counts each value under the other filters', async () => {
    const { countChatIndex } = await import('@/lib/chats/index-counts');
    const filters = { from: '+14155550100', service: 'iMessage', group: 'direct' } as const;
    const base = rows.filter((row) => row.sendingNumber === filters.from && row.facts.service === 'iMessage' && !row.facts.isGroup);
    expect(await allPages(filters)).toEqual(base.map((row) => row.id));
    const recent = (row: ChatRow) => row.lastSharedAt !== null && NOW.getTime() - Date.parse(row.lastSharedAt) < COOLDOWN;
    expect(await allPages({ ...filters, shared: 'recent' })).toEqual(base.filter(recent).map((row) => row.id));
    expect(await allPages({ ...filters, shared: 'never' })).toEqual(base.filter((row) => !row.lastSharedAt).map((row) => row.id));
    expect(await allPages({ ...filters, shared: 'earlier' })).toEqual(base.filter((row) => row.lastSharedAt && !recent(row)).map((row) => row.id));
    expect(await allPages({ health: 'OPTED_OUT' })).toEqual(rows.filter((row) => row.facts.health === 'OPTED_OUT').map((row) => row.id));
    expect(await allPages({ q: '(312) 555-0017' })).toEqual(rows.filter((row) => row.participants[0]!.includes('3125550017')).map((row) => row.id));
    expect(await allPages({ q: 'TEAM 1' })).toEqual(rows.filter((row) => row.label.toLowerCase().includes('team 1')).map((row) => row.id));
    expect(await allPages({ q: '100%_' })).toEqual([]);

    const counts = await countChatIndex(chatPageQuerySchema.parse({ ...filters, show: 'eligible' }), null, COOLDOWN, Object.keys(LINES), NOW);
    const eligibleBase = base.filter((row) => verdict(row).eligible);
    expect(counts.total).toBe(eligibleBase.length);
    // The number filter's counts apply every other filter (service, group, eligible) but not the number.
    for (const line of Object.keys(LINES)) {
      const want = rows.filter((row) => row.sendingNumber === line && row.facts.service === 'iMessage' && !row.facts.isGroup && verdict(row).eligible).length;
      expect(counts.line[line], line).toBe(want);
    }
    expect(counts.state.ineligible).toBe(base.filter((row) => !verdict(row).eligible && !verdict(row).pending).length);
    expect(counts.service.SMS).toBe(0);
  });

  it('sorts by last shared, then never-shared chats by last activity, without repeats across pages', async () => {
    const ids = await allPages({ sort: 'shared' });
    const shared = rows.filter((row) => row.lastSharedAt).sort((a, b) => b.lastSharedAt!.localeCompare(a.lastSharedAt!) || b.id.localeCompare(a.id));
    const never = rows.filter((row) => !row.lastSharedAt);
    expect(ids).toEqual([...shared, ...never].map((row) => row.id));
    // Combined with a filter, and with a page boundary inside each part.
    const eligibleShared = await allPages({ sort: 'shared', show: 'ineligible' });
    expect(eligibleShared).toEqual([...shared, ...never].filter((row) => !verdict(row).eligible && !verdict(row).pending).map((row) => row.id));
  });
});
