import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

// Serves the console's embedded database over the PostgreSQL wire protocol, so that psql, the
// end-to-end tests and scripts can look inside while the console holds the data folder.
//
// PGlite is a single session shared with the console itself. @electric-sql/pglite-socket's
// multiplexer queues every protocol message on its own, so one client's Parse/Bind/Execute can
// interleave with another's (or with the console's) and run against the wrong statement. Here a
// client's messages are run as whole batches (up to Sync, a simple Query or a Flush) while
// holding both of PGlite's locks, exactly as PGlite's own query() does; a client that opens a
// transaction keeps the transaction lock until it commits or rolls back.

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const BATCH_END = new Set(['S', 'Q', 'H'].map((c) => c.charCodeAt(0)));
const TERMINATE = 'X'.charCodeAt(0);

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

  constructor(
    private readonly pglite: PGlite,
    private readonly socket: net.Socket,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.enqueue(() => this.abandon()));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const message = this.started ? this.nextTypedMessage() : this.nextStartupMessage();
      if (!message) return;
    }
  }

  /** Untyped messages before the session starts: SSL/GSS negotiation, cancel, startup. */
  private nextStartupMessage(): boolean {
    if (this.buffer.length < 8) return false;
    const length = this.buffer.readInt32BE(0);
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
    this.enqueue(() => this.execute([message]));
    return true;
  }

  private nextTypedMessage(): boolean {
    if (this.buffer.length < 5) return false;
    const length = 1 + this.buffer.readInt32BE(1);
    if (this.buffer.length < length) return false;
    const type = this.buffer[0]!;
    const message = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
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
    if (this.pglite.isInTransaction() || !this.releaseTransactionLock) return;
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

export async function serveEmbeddedDatabase(pglite: PGlite, port: number, host = '127.0.0.1'): Promise<net.Server> {
  const server = net.createServer((socket) => new BridgeSession(pglite, socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
