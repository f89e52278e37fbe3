import { expect, it } from 'vitest';
import { SeededRandom } from '@/lib/sandbox/random';
import type { ConsoleHarness } from './console-harness';

// Search by part of a number through the digit suffixes (chat-search.test.ts and
// chat-search-postgres.test.ts): for any term, the chats found are exactly those whose search text
// contains it, after chats are added, renamed, given other participants, and deleted.

export function chatSearchSuite(h: ConsoleHarness) {
  const random = new SeededRandom(7);
  const digits = (n: number) => Array.from({ length: n }, () => String(random.int(0, 9))).join('');
  /** What a chat's search text looks like: a name (sometimes with digits), numbers, an email with digits. */
  const searchText = () =>
    [
      random.chance(0.3) ? `team ${random.int(1, 99)}` : null,
      `+1312${digits(7)}`,
      random.chance(0.3) ? `+44${digits(10)}` : null,
      random.chance(0.2) ? `bob${digits(2)}@example.com` : null,
      random.chance(0.1) ? `order ${digits(6)}+${digits(3)}` : null,
    ]
      .filter(Boolean)
      .join(' ');

  async function expectSameAsLike(): Promise<void> {
    const { chatMatches, searchesDigits } = await import('@/lib/chat-search');
    const { Prisma } = await import('@/generated/prisma/client');
    const texts = (await h.db.chat.findMany({ select: { searchText: true } })).map((c) => c.searchText);
    // Parts of real numbers (with and without their plus), and made-up terms.
    const terms = [
      ...Array.from({ length: 25 }, () => {
        const text = random.pick(texts);
        const start = random.int(0, text.length - 3);
        return text.slice(start, start + random.int(3, 12));
      }),
      ...Array.from({ length: 10 }, () => digits(random.int(3, 9))),
      '+1312',
      '+44',
      '131',
      '1312',
      '+131',
      '+13',
      '12',
      '+',
      '99@',
    ];
    let viaSuffixes = 0;
    for (const term of terms) {
      if (searchesDigits(term)) viaSuffixes += 1;
      const found = await h.db.$queryRaw<Array<{ id: string }>>`SELECT c."id" FROM "Chat" c WHERE ${chatMatches(term, Prisma.sql`c`)} ORDER BY 1`;
      const want = await h.db.$queryRaw<Array<{ id: string }>>`SELECT c."id" FROM "Chat" c WHERE strpos(c."searchText", ${term}) > 0 ORDER BY 1`;
      expect(
        found.map((r) => r.id),
        term,
      ).toEqual(want.map((r) => r.id));
    }
    expect(viaSuffixes).toBeGreaterThan(15);
  }

  it('finds exactly the chats whose search text has the term, through every change', async () => {
    const make = (i: number) => ({ id: `search-${i}`, participants: [], searchText: searchText(), activityAt: new Date() });
    await h.db.chat.createMany({ data: Array.from({ length: 300 }, (_, i) => make(i)) });
    await expectSameAsLike();
    // New participants or a new name: the suffixes follow the search text.
    const ids = Array.from({ length: 40 }, () => `search-${random.int(0, 299)}`);
    for (const id of ids.slice(0, 20)) await h.db.chat.update({ where: { id }, data: { searchText: searchText() } });
    await h.db.chat.updateMany({ where: { id: { in: ids.slice(20) } }, data: { searchText: `+1312${digits(7)}` } });
    // A change of anything else leaves them alone.
    await h.db.chat.updateMany({ where: { id: { in: ids } }, data: { activityAt: new Date() } });
    await h.db.chat.deleteMany({ where: { id: { in: ids.slice(0, 5) } } });
    await h.db.chat.createMany({ data: Array.from({ length: 50 }, (_, i) => make(300 + i)) });
    await expectSameAsLike();
    const orphans = await h.db.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS "n" FROM "ChatSearchSuffix" x WHERE NOT EXISTS (SELECT 1 FROM "Chat" c WHERE c."id" = x."chatId")`;
    expect(orphans[0]!.n).toBe(0);
  });

  it('Chats and History search by part of a number through the suffixes', async () => {
    const { chatPageQuerySchema } = await import('@/lib/validations/chats');
    const { queryChatIndex } = await import('@/lib/chats/index-query');
    await h.db.chat.create({ data: { id: 'search-known', participants: ['+13125550199'], searchText: '+13125550199', activityAt: new Date() } });
    const page = await queryChatIndex(chatPageQuerySchema.parse({ q: '(312) 555-0199', limit: '50' }), null, 86_400_000, new Date());
    expect(page.rows.map((row) => row.id)).toEqual(['search-known']);
    const plan = await h.db.$queryRawUnsafe<Array<Record<string, string>>>(
      `EXPLAIN SELECT c."id" FROM "Chat" c WHERE EXISTS (SELECT 1 FROM "ChatSearchSuffix" x WHERE x."chatId" = c."id" AND x."suffix" >= '3125550199' AND x."suffix" < '3125550199:')`,
    );
    expect(plan.map((row) => Object.values(row)[0]).join('\n')).toContain('ChatSearchSuffix');
  });
}
