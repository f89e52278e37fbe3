import fs from 'node:fs';
import path from 'node:path';
import { sniffImageType } from '@/lib/photos/sniff';
import { seedState } from '@/lib/sandbox/seed';
import type { SandboxCard, SandboxChat, SandboxMessage, SandboxShare, SandboxState } from '@/lib/sandbox/types';

export interface LoggedRequest {
  /** When the answer was sent. */
  at: string;
  /** When the request arrived (before any latency or delay the sandbox adds). */
  receivedAt: string;
  method: string;
  /** Path after /api/partner, e.g. /v3/contact_card. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
}

export interface StoreOptions {
  chatCount: number;
  seed?: number;
  /** When set, the state survives restarts: JSON here, downloaded images in a folder beside it. */
  stateFile?: string;
  /** The latest requests kept for GET /__sandbox/requests (5 000 unless a benchmark needs more). */
  requestLogSize?: number;
}

export class SandboxStore {
  state: SandboxState;
  readonly images = new Map<string, { bytes: Buffer; contentType: string }>();
  requestLog: LoggedRequest[] = [];
  /** Every request since the last clearing, by method and endpoint (ids as {id}), however long the log. */
  requestCounts = new Map<string, number>();
  private saveTimer: NodeJS.Timeout | undefined;
  /** Recent send times per sender–recipient pair, for Linq's 30-per-minute limit. */
  private readonly sendTimes = new Map<string, number[]>();
  /**
   * The chats by id and in list order, kept for a given chats array and length (a benchmark's
   * sandbox holds a million chats): rebuilt when the array or its length changes, or when a
   * message moves a chat up the list.
   */
  private lookup?: { chats: SandboxChat[]; length: number; byId: Map<string, SandboxChat>; listed?: SandboxChat[] };

  constructor(private readonly options: StoreOptions) {
    this.state = this.load() ?? seedState(options);
  }

  reset(): void {
    this.state = seedState(this.options);
    this.images.clear();
    this.requestLog = [];
    this.requestCounts.clear();
    this.save();
  }

  isLine(phoneNumber: string): boolean {
    return this.state.lines.some((line) => line.phone_number === phoneNumber);
  }

  /** A line's card, turned active if its activation time has come. */
  card(phoneNumber: string): SandboxCard | undefined {
    const card = this.state.cards[phoneNumber];
    if (card && !card.is_active && card.activate_at !== undefined && card.activate_at <= Date.now()) {
      card.is_active = true;
      delete card.activate_at;
      this.save();
    }
    return card;
  }

  cards(): SandboxCard[] {
    return Object.keys(this.state.cards).map((phone) => this.card(phone)!);
  }

  setCard(card: SandboxCard): void {
    this.state.cards[card.phone_number] = card;
    this.save();
  }

  private indexed() {
    const chats = this.state.chats;
    if (this.lookup?.chats !== chats || this.lookup.length !== chats.length) {
      this.lookup = { chats, length: chats.length, byId: new Map(chats.map((chat) => [chat.id, chat])) };
    }
    return this.lookup;
  }

  chat(id: string): SandboxChat | undefined {
    return this.indexed().byId.get(id);
  }

  /** Chats most recently active first, filtered as GET /v3/chats filters them. */
  chats(filter: { from?: string; to?: string }): SandboxChat[] {
    const index = this.indexed();
    index.listed ??= [...index.chats].sort((a, b) => b.updated_at.localeCompare(a.updated_at) || a.id.localeCompare(b.id));
    if (!filter.from && !filter.to) return index.listed;
    return index.listed
      .filter((chat) => !filter.from || chat.handles.some((h) => h.is_me && h.handle === filter.from))
      .filter((chat) => !filter.to || chat.handles.some((h) => !h.is_me && h.handle.toLowerCase() === filter.to!.toLowerCase()));
  }

  /** A chat's messages, newest first. */
  messages(chatId: string): SandboxMessage[] {
    return [...(this.state.messages[chatId] ?? [])].sort((a, b) => b.created_at.localeCompare(a.created_at));
  }

  addChat(chat: SandboxChat, messages: SandboxMessage[]): void {
    this.state.chats.push(chat);
    this.state.messages[chat.id] = messages;
    this.save();
  }

  /** Linq no longer has the chat (deleted on its side): gone from lists, 404 by id. */
  removeChat(id: string): boolean {
    const before = this.state.chats.length;
    this.state.chats = this.state.chats.filter((chat) => chat.id !== id);
    delete this.state.messages[id];
    this.save();
    return this.state.chats.length < before;
  }

  addMessage(chat: SandboxChat, message: SandboxMessage): void {
    (this.state.messages[chat.id] ??= []).push(message);
    chat.updated_at = message.created_at;
    if (this.lookup) this.lookup.listed = undefined;
    this.save();
  }

  /** Counts a send towards the pair's limit; returns the seconds to wait when over it. */
  rateLimit(pair: string, perMinute: number, now = Date.now()): number | undefined {
    const recent = (this.sendTimes.get(pair) ?? []).filter((at) => at > now - 60_000);
    if (recent.length >= perMinute) return Math.max(1, Math.ceil((recent[0]! + 60_000 - now) / 1000));
    recent.push(now);
    this.sendTimes.set(pair, recent);
    return undefined;
  }

  messageByIdempotencyKey(key: string): SandboxMessage | undefined {
    for (const messages of Object.values(this.state.messages)) {
      const found = messages.find((m) => m.idempotency_key === key);
      if (found) return found;
    }
    return undefined;
  }

  recordShare(share: SandboxShare): void {
    this.state.shares.push(share);
    this.save();
  }

  storeImage(hash: string, bytes: Buffer, contentType: string): void {
    this.images.set(hash, { bytes, contentType });
    const dir = this.imageDir();
    if (dir) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, hash), bytes);
    }
  }

  image(hash: string): { bytes: Buffer; contentType: string } | undefined {
    const cached = this.images.get(hash);
    if (cached) return cached;
    const dir = this.imageDir();
    const file = dir && /^[a-f0-9]{64}$/.test(hash) ? path.join(dir, hash) : undefined;
    if (!file || !fs.existsSync(file)) return undefined;
    const bytes = fs.readFileSync(file);
    return { bytes, contentType: sniffImageType(bytes) ?? 'application/octet-stream' };
  }

  log(entry: LoggedRequest): void {
    const endpoint = `${entry.method} ${entry.path.replace(/^\/v3\/chats\/[^/]+/, '/v3/chats/{id}')}`;
    this.requestCounts.set(endpoint, (this.requestCounts.get(endpoint) ?? 0) + 1);
    this.requestLog.push(entry);
    const size = this.options.requestLogSize ?? 5_000;
    if (this.requestLog.length > size) this.requestLog.splice(0, this.requestLog.length - size);
  }

  /** Writes the state soon, once, however many changes come in the meantime. */
  save(): void {
    if (!this.options.stateFile || this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.flush(), 200);
    this.saveTimer.unref();
  }

  flush(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const file = this.options.stateFile;
    if (!file) return;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(this.state));
    fs.renameSync(`${file}.tmp`, file);
  }

  private imageDir(): string | undefined {
    return this.options.stateFile ? path.join(path.dirname(this.options.stateFile), 'sandbox-images') : undefined;
  }

  private load(): SandboxState | undefined {
    const file = this.options.stateFile;
    if (!file || !fs.existsSync(file)) return undefined;
    try {
      const state = JSON.parse(fs.readFileSync(file, 'utf8')) as SandboxState;
      return state.version === 1 ? state : undefined;
    } catch {
      return undefined; // a damaged state file is replaced by fresh demo data
    }
  }
}
