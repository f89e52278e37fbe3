// `npm run sandbox:example`: the official Linq SDK, used directly, against the sandbox: lists
// chats and shares the contact card into the first chat where sharing has an effect.
// Meant for the sandbox (npm run sandbox, or the console's own in sandbox mode); it refuses
// Linq's production address so that it never messages real customers.
import LinqAPIV3 from '@linqapp/sdk';
import { LINQ_PRODUCTION_BASE_URL, SANDBOX_API_KEY } from '@/lib/env';

const baseURL = process.env.LINQ_API_BASE_URL ?? 'http://127.0.0.1:4010/api/partner';
if (baseURL.startsWith(LINQ_PRODUCTION_BASE_URL)) {
  console.error('This example shares into a real chat; point LINQ_API_BASE_URL at a sandbox instead.');
  process.exit(1);
}
const client = new LinqAPIV3({ apiKey: process.env.SANDBOX_API_KEY ?? SANDBOX_API_KEY, baseURL, logLevel: 'off' });

const { contact_cards } = await client.contactCard.retrieve();
const linesWithActiveCard = new Set(contact_cards.filter((card) => card.is_active).map((card) => card.phone_number));

let listed = 0;
for await (const chat of client.chats.listChats({ limit: 50 })) {
  listed += 1;
  const line = chat.handles.find((handle) => handle.is_me)?.handle;
  if (chat.service !== 'iMessage' || !line || !linesWithActiveCard.has(line)) continue;
  const { messages } = await client.chats.messages.list(chat.id, { limit: 100 });
  if (!messages.some((message) => message.is_from_me)) continue;
  // Not idempotent: never let the SDK retry a share.
  await client.chats.shareContactCard(chat.id, { maxRetries: 0 });
  console.log(`Listed ${listed} chats. Shared ${line}'s contact card into chat ${chat.id} (${chat.display_name}).`);
  process.exit(0);
}
console.log(`Listed ${listed} chats; none could receive the card.`);
