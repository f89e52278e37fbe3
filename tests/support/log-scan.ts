// After an end-to-end run: the consoles' logs must hold no secret the run used and no customer's
// number or message text from the sandboxes' chats. Prints one summary line; returns the findings.
import fs from 'node:fs';
import path from 'node:path';
import type { SandboxState } from '@/lib/sandbox/types';

export interface LogScan {
  files: number;
  lines: number;
  needles: number;
  findings: string[];
}

/** Every value a log must not hold: the secrets given, the customer handles and longer message texts of every sandbox state under `dataRoot`. */
function needlesOf(dataRoot: string, secrets: string[]): Map<string, string> {
  const needles = new Map<string, string>(secrets.filter((s) => s.length >= 8).map((secret) => [secret, 'a secret']));
  for (const entry of fs.readdirSync(dataRoot, { withFileTypes: true })) {
    const file = path.join(dataRoot, entry.name, 'sandbox', 'state.json');
    if (!entry.isDirectory() || !fs.existsSync(file)) continue;
    const state = JSON.parse(fs.readFileSync(file, 'utf8')) as SandboxState;
    const lines = new Set(state.lines.map((line) => line.phone_number));
    for (const chat of state.chats) {
      for (const handle of chat.handles) if (!handle.is_me && !lines.has(handle.handle)) needles.set(handle.handle, 'a customer handle');
    }
    for (const messages of Object.values(state.messages)) {
      for (const message of messages) if (message.text.length >= 16) needles.set(message.text, 'a message text');
    }
  }
  return needles;
}

export function scanLogs(dataRoot: string, secrets: string[]): LogScan {
  const needles = needlesOf(dataRoot, secrets);
  const files = fs.readdirSync(dataRoot).filter((name) => name.endsWith('.log'));
  const findings: string[] = [];
  let lines = 0;
  for (const name of files) {
    const text = fs.readFileSync(path.join(dataRoot, name), 'utf8');
    lines += text.split('\n').length - 1;
    for (const [needle, kind] of needles) {
      const at = text.indexOf(needle);
      if (at >= 0) findings.push(`${name}: ${kind} at line ${text.slice(0, at).split('\n').length}`);
    }
  }
  return { files: files.length, lines, needles: needles.size, findings };
}
