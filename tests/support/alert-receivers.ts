import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// What the console's alerts are sent to in tests: a real SMTP server and an incoming webhook in
// Slack's format, each on a free port of this machine, keeping what they took.

/** An SMTP server that keeps every message, its long lines unfolded as a reader sees them. */
export async function startSmtpServer() {
  const mails: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        mails.push(raw.replace(/=\r?\n/g, ''));
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { mails, port: (server.server.address() as AddressInfo).port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** An incoming webhook in Slack's format; `failNext` makes its next answer a 500 ("no_service"). */
export async function startSlackReceiver() {
  const posts: string[] = [];
  let failures = 0;
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      if (failures > 0) {
        failures -= 1;
        response.writeHead(500, { 'content-type': 'text/plain' }).end('no_service');
        return;
      }
      posts.push((JSON.parse(body) as { text: string }).text);
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    posts,
    url: `http://127.0.0.1:${port}/services/T0/B0/test-secret`,
    host: `127.0.0.1:${port}`,
    failNext: () => (failures += 1),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
