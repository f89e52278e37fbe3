import { describe, expect, it } from 'vitest';
import { startTestConsole } from '../support/console-harness';

// Writing Linq's copy of a chat to the index: a row is rewritten only when the copy changes
// something (a share or a webhook reading an unchanged chat then costs no row version, index
// entries or trigger work), and then every column that changes moves.

const h = startTestConsole();

describe('chat index writes', () => {
  it('rewrites a chat only when Linq’s copy changes something, and then each column that changed', async () => {
    const { writeChats } = await import('@/lib/chats/index-store');
    const { id } = await h.control<{ id: string }>('POST', '/__sandbox/chats', { from: '+14155550100', to: ['+16465550123'], outbound: 1 });
    /** The row's version: any UPDATE makes a new one, even one that writes the same values. */
    const version = async () => (await h.db.$queryRaw<Array<{ xmin: string }>>`SELECT xmin::text AS xmin FROM "Chat" WHERE "id" = ${id}`)[0]!.xmin;
    const row = () => h.db.chat.findUniqueOrThrow({ where: { id } });
    const chat = await h.linq.getChat(id);
    await writeChats([chat], null);
    const written = await version();

    // The same copy again (a share, a webhook): nothing written.
    await writeChats([chat], null);
    expect(await version()).toBe(written);
    // A crawl lists it: seen, so written.
    const listedAt = new Date();
    await writeChats([chat], listedAt);
    expect(await version()).not.toBe(written);
    expect((await row()).lastListedAt).toEqual(listedAt);

    // A newer copy with another name: the name and the times move.
    const renamed = { ...chat, displayName: 'Front desk', updatedAt: new Date(Date.parse(chat.updatedAt) + 60_000).toISOString() };
    await writeChats([renamed], null);
    expect(await row()).toMatchObject({ displayName: 'Front desk', linqUpdatedAt: new Date(renamed.updatedAt), activityAt: new Date(renamed.updatedAt) });

    // Marked gone, then Linq returns it unchanged: back in the index.
    await h.db.chat.update({ where: { id }, data: { goneAt: new Date() } });
    await writeChats([renamed], null);
    expect((await row()).goneAt).toBeNull();

    // A "no" read before Linq's last activity is read again, even from an unchanged copy.
    await h.db.chat.update({ where: { id }, data: { outbound: 'NO', outboundCheckedAt: new Date(Date.parse(renamed.updatedAt) - 1_000) } });
    await writeChats([renamed], null);
    expect((await row()).outbound).toBe('UNKNOWN');

    // An older copy changes nothing.
    const before = await version();
    await writeChats([chat], null);
    expect(await version()).toBe(before);
    expect((await row()).displayName).toBe('Front desk');
  });
});
