import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

// SCRAM-SHA-256 (RFC 5802 / 7677), the password exchange PostgreSQL itself uses: psql, libpq and
// node-postgres speak it, and the password never crosses the connection. The embedded database's
// bridge asks for it before handing a client to PGlite.

const ITERATIONS = 4096;

const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

/** A PostgreSQL backend message: its type byte, its length, its body. */
export function backendMessage(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0);
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}

function authentication(code: number, data: Buffer = Buffer.alloc(0)): Buffer {
  const body = Buffer.alloc(4 + data.length);
  body.writeInt32BE(code, 0);
  data.copy(body, 4);
  return backendMessage('R', body);
}

/** An ErrorResponse PostgreSQL clients show as is: severity FATAL, SQLSTATE, message. */
export function fatalError(code: string, message: string): Buffer {
  const field = (type: string, value: string) => Buffer.concat([Buffer.from(type), Buffer.from(value, 'utf8'), Buffer.from([0])]);
  return backendMessage('E', Buffer.concat([field('S', 'FATAL'), field('V', 'FATAL'), field('C', code), field('M', message), Buffer.from([0])]));
}

export const SASL_OFFER = authentication(10, Buffer.from('SCRAM-SHA-256\0\0'));

type Step = { reply: Buffer; done: false } | { reply: Buffer; done: true; ok: boolean };

/** One client's exchange: fed the bodies of its 'p' messages, it answers with the next message to send. */
export class ScramExchange {
  private clientFirstBare = '';
  private serverFirst = '';
  private nonce = '';
  private readonly salt = randomBytes(16);

  constructor(private readonly password: string) {}

  /** SASLInitialResponse: mechanism name, then the client-first-message. */
  first(body: Buffer): Step {
    const nul = body.indexOf(0);
    const mechanism = body.subarray(0, nul).toString('utf8');
    const length = body.readInt32BE(nul + 1);
    const message = body.subarray(nul + 5, nul + 5 + length).toString('utf8');
    const clientNonce = /(?:^|,)r=([^,]+)/.exec(message)?.[1];
    if (mechanism !== 'SCRAM-SHA-256' || !message.startsWith('n,') || !clientNonce)
      return { reply: fatalError('28000', 'Only SCRAM-SHA-256 is accepted.'), done: true, ok: false };
    this.clientFirstBare = message.slice(message.indexOf(',', 2) + 1);
    this.nonce = clientNonce + randomBytes(18).toString('base64');
    this.serverFirst = `r=${this.nonce},s=${this.salt.toString('base64')},i=${ITERATIONS}`;
    return { reply: authentication(11, Buffer.from(this.serverFirst)), done: false };
  }

  /** SASLResponse: the client-final-message with its proof. */
  final(body: Buffer): Step {
    const message = body.toString('utf8');
    const proof = /,p=([^,]+)$/.exec(message)?.[1];
    const withoutProof = message.slice(0, message.lastIndexOf(',p='));
    if (!proof || !withoutProof.includes(`r=${this.nonce}`)) return this.refused();
    const salted = pbkdf2Sync(this.password, this.salt, ITERATIONS, 32, 'sha256');
    const clientKey = hmac(salted, 'Client Key');
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const signature = hmac(sha256(clientKey), authMessage);
    const given = Buffer.from(proof, 'base64');
    if (given.length !== signature.length) return this.refused();
    const recovered = Buffer.from(given.map((byte, i) => byte ^ signature[i]!));
    if (!timingSafeEqual(sha256(recovered), sha256(clientKey))) return this.refused();
    const serverSignature = hmac(hmac(salted, 'Server Key'), authMessage).toString('base64');
    return { reply: authentication(12, Buffer.from(`v=${serverSignature}`)), done: true, ok: true };
  }

  private refused(): Step {
    return {
      reply: fatalError(
        '28P01',
        'password authentication failed: the embedded database’s password is in EMBEDDED_DB_PASSWORD or DATA_DIR/embedded-db-password',
      ),
      done: true,
      ok: false,
    };
  }
}
