import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { fatalError, SASL_OFFER, ScramExchange } from '@/lib/database/bridge-auth';

// Serves the console's embedded database over the PostgreSQL wire protocol, so that psql, the
// end-to-end tests and scripts can look inside while the console holds the data folder.
//
// PGlite is a single session shared with the console itself. @electric-sql/pglite-socket's
// multiplexer queues every protocol message on its own, so one client's Parse/Bind/Execute can
// interleave with another's (or with the console's) and run against the wrong statement. Here a
// client's messages are run as whole batches (up to Sync, a simple Query or a Flush) while
// holding both of PGlite's locks, exactly as PGlite's own query() does; a client that opens a
// transaction keeps the transaction lock until it commits or rolls back.
//
// Every client proves the password first (SCRAM-SHA-256): the database holds staff password
// hashes and everything else. A client that leaves a transaction open and idle would freeze the
// console itself (it holds the one session), so after a few seconds it is rolled back and cut off;
// a message larger than any sane statement ends the connection.

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const BATCH_END = new Set(['S', 'Q', 'H'].map((c) => c.charCodeAt(0)));
const TERMINATE = 'X'.charCodeAt(0);
const PASSWORD_MESSAGE = 'p'.charCodeAt(0);
/** Far beyond any statement or row a person or a test sends by hand. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
/** A transaction left open this long with nothing sent is rolled back, and its client cut off. */
const IDLE_TRANSACTION_MS = 10_000;
/** A client that has not proven the password by then is cut off. */
const AUTHENTICATION_MS = 10_000;

export interface BridgeOptions {
  port: number;
  /** What clients must prove they know (SCRAM-SHA-256). */
  password: string;
  host?: string;
  idleTransactionMs?: number;
}

function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(sql + '\0', 'utf8');
  const header = Buffer.alloc(5);
  header.write('Q', 0);
  header.writeInt32BE(4 + text.length, 1);
  return Buffer.concat([header, text]);
}

class BridgeSession {
  private buffer = Buffer.alloc(0);
  private started = false;
  private batch: Buffer[] = [];
  private queue: Promise<void> = Promise.resolve();
  private releaseTransactionLock: (() => void) | undefined;
  /** The client's startup message, handed to PGlite once the password is proven. */
  private startup: Buffer | undefined;
  private scram: { exchange: ScramExchange; step: 'first' | 'final' } | undefined;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pglite: PGlite,
    private readonly socket: net.Socket,
    private readonly password: string,
    private readonly idleTransactionMs: number,
  ) {
    socket.setNoDelay(true);
    const authTimer = setTimeout(() => {
      if (this.startup === undefined || this.scram) this.refuse('28000', 'authentication timed out');
    }, AUTHENTICATION_MS);
    authTimer.unref();
    socket.on('close', () => clearTimeout(authTimer));
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      clearTimeout(this.idleTimer);
      this.enqueue(() => this.abandon());
    });
  }

  private receive(chunk: Buffer): void {
    clearTimeout(this.idleTimer);
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const message = this.started ? this.nextTypedMessage() : this.nextStartupMessage();
      if (!message) return;
    }
  }

  /** Ends the connection with a message the client shows. */
  private refuse(code: string, message: string): false {
    if (!this.socket.destroyed) this.socket.end(fatalError(code, message));
    this.buffer = Buffer.alloc(0);
    return false;
  }

  /** Untyped messages before the session starts: SSL/GSS negotiation, cancel, startup. */
  private nextStartupMessage(): boolean {
    if (this.buffer.length < 8) return false;
    const length = this.buffer.readInt32BE(0);
    if (length < 8 || length > MAX_MESSAGE_BYTES) return this.refuse('08P01', 'invalid startup packet');
    if (this.buffer.length < length) return false;
    const code = this.buffer.readInt32BE(4);
    const message = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
      this.socket.write('N');
      return true;
    }
    if (code === CANCEL_REQUEST) {
      this.socket.end();
      return false;
    }
    this.started = true;
    this.startup = Buffer.from(message);
    this.scram = { exchange: new ScramExchange(this.password), step: 'first' };
    this.socket.write(SASL_OFFER);
    return true;
  }

  /** The password exchange's messages, before anything reaches PGlite. */
  private authenticate(type: number, body: Buffer): boolean {
    if (type !== PASSWORD_MESSAGE || !this.scram) return this.refuse('28000', 'the password must be sent first');
    const step = this.scram.step === 'first' ? this.scram.exchange.first(body) : this.scram.exchange.final(body);
    if (!step.done) {
      this.scram.step = 'final';
      this.socket.write(step.reply);
      return true;
    }
    if (!step.ok) {
      this.socket.end(step.reply);
      return false;
    }
    this.socket.write(step.reply);
    this.scram = undefined;
    const startup = this.startup!;
    this.enqueue(() => this.execute([startup]));
    return true;
  }

  private nextTypedMessage(): boolean {
    if (this.buffer.length < 5) return false;
    const length = 1 + this.buffer.readInt32BE(1);
    if (length < 5 || length > MAX_MESSAGE_BYTES) return this.refuse('08P01', `messages are limited to ${MAX_MESSAGE_BYTES / 1024 / 1024} MB`);
    if (this.buffer.length < length) return false;
    const type = this.buffer[0]!;
    const message = Buffer.from(this.buffer.subarray(0, length));
    this.buffer = this.buffer.subarray(length);
    if (this.scram) return this.authenticate(type, message.subarray(5));
    if (type === TERMINATE) {
      this.socket.end();
      return false;
    }
    this.batch.push(message);
    if (BATCH_END.has(type)) {
      const batch = this.batch;
      this.batch = [];
      this.enqueue(() => this.execute(batch));
    }
    return true;
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch(() => {
      this.socket.destroy();
    });
  }

  private async acquireTransactionLock(): Promise<void> {
    if (this.releaseTransactionLock) return;
    await new Promise<void>((acquired) => {
      void this.pglite._runExclusiveTransaction(
        () =>
          new Promise<void>((release) => {
            this.releaseTransactionLock = release;
            acquired();
          }),
      );
    });
  }

  private releaseIfIdle(): void {
    if (!this.releaseTransactionLock) return;
    if (this.pglite.isInTransaction()) {
      // The console waits on this transaction: it may not sit idle.
      clearTimeout(this.idleTimer);
      this.idleTimer = setTimeout(
        () => this.refuse('25P03', `terminating connection: a transaction was left idle for ${this.idleTransactionMs / 1000} s and is rolled back`),
        this.idleTransactionMs,
      );
      this.idleTimer.unref();
      return;
    }
    this.releaseTransactionLock();
    this.releaseTransactionLock = undefined;
  }

  private async execute(messages: Buffer[]): Promise<void> {
    await this.acquireTransactionLock();
    try {
      const replies = await this.pglite.runExclusive(async () => {
        const out: Uint8Array[] = [];
        for (const [index, message] of messages.entries()) {
          out.push(await this.pglite.execProtocolRaw(message, { syncToFs: index === messages.length - 1 }));
        }
        return out;
      });
      if (!this.socket.destroyed) this.socket.write(Buffer.concat(replies));
    } finally {
      this.releaseIfIdle();
    }
  }

  /** The client went away: undo its open transaction, if any, and free the session. */
  private async abandon(): Promise<void> {
    if (!this.releaseTransactionLock) return;
    if (this.pglite.isInTransaction()) {
      await this.pglite.runExclusive(() => this.pglite.execProtocolRaw(simpleQuery('ROLLBACK')));
    }
    this.releaseIfIdle();
  }
}

/** Serves the embedded database on loopback, to clients that know the password. */
export async function serveEmbeddedDatabase(pglite: PGlite, options: BridgeOptions): Promise<net.Server> {
  const { port, password, host = '127.0.0.1', idleTransactionMs = IDLE_TRANSACTION_MS } = options;
  const server = net.createServer((socket) => new BridgeSession(pglite, socket, password, idleTransactionMs));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
