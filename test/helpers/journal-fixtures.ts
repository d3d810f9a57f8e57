/**
 * Shared pieces for the journal tests: temp folders, seeded randomness (so a failure can be
 * replayed from the seed it prints), file fingerprints and canary secrets.
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { JournalStore } from '../../src/main/journal/store.ts';

/** A fresh folder under the OS temp dir, removed when the test ends. */
export function tempDir(t: TestContext, label = 'journal'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `breakglass-${label}-`));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** mulberry32: small, fast and good enough to pick mutations reproducibly. */
export function randomGenerator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

export function fileSha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

export type Canaries = { readonly password: string; readonly privateKeyPem: string; readonly jwt: string };

export function makeCanaries(): Canaries {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const jwt = [
    part({ alg: 'RS256', typ: 'JWT', x5t: randomBytes(20).toString('base64url') }),
    part({ aud: 'https://graph.microsoft.com', oid: randomBytes(16).toString('hex'), scp: 'Directory.AccessAsUser.All' }),
    randomBytes(256).toString('base64url'),
  ].join('.');
  return { password: `Canary-Envelope-${randomBytes(12).toString('hex')}!`, privateKeyPem: privateKey, jwt };
}

/** Distinctive pieces of each canary: any one of them in the file means the secret leaked. */
export function canaryFragments(canaries: Canaries): string[] {
  const pemBody = canaries.privateKeyPem.split('\n').filter((line) => line && !line.startsWith('-----'));
  const [header = '', payload = '', signature = ''] = canaries.jwt.split('.');
  return [canaries.password, canaries.jwt, header, payload, signature.slice(0, 40), ...pemBody.slice(1, 4)].filter(
    (fragment) => fragment.length >= 16,
  );
}

/**
 * A journal with varied entries: two sessions, optional fields both present and absent, Graph
 * request ids, nested data. Returns the file (closed, so everything is in the main file).
 */
export function buildSampleJournal(file: string, entryCount = 40): { head: string; count: number } {
  const store = JournalStore.open(file, { redaction: 'development' });
  try {
    const incident = store.openSession({
      kind: 'incident',
      title: 'CA lock-out',
      actor: 'Ada',
      witness: 'Grace',
      details: { reference: 'INC-42' },
    });
    const drill = store.openSession({ kind: 'drill', title: 'Quarterly drill', actor: 'Linus' });
    for (let index = store.head().seq; index < entryCount - 1; index += 1) {
      const inIncident = index % 3 !== 0;
      store.append({
        sessionId: inIncident ? incident.id : drill.id,
        actor: inIncident ? 'Ada' : 'Linus',
        ...(index % 2 === 0 ? { witness: 'Grace' } : {}),
        kind: (['step-shown', 'step-acknowledged', 'graph-write', 'check-result', 'note'] as const)[index % 5] ?? 'note',
        ...(index % 4 === 0 ? { stepId: `incident.step-${index}` } : {}),
        summary: `Action ${index}: set policy ${index} to report-only`,
        data: { policyId: `pol-${index}`, state: { before: 'enabled', after: 'enabledForReportingButNotEnforced' }, attempt: index },
        ...(index % 5 === 2 ? { graphRequestIds: [`req-${index}-a`, `req-${index}-b`] } : {}),
      });
    }
    store.closeSession(drill.id, { actor: 'Linus' });
    const verdict = store.verify();
    if (!verdict.intact) throw new Error(`The sample journal does not verify: ${verdict.reason}`);
    return { head: verdict.head, count: verdict.count };
  } finally {
    store.close();
  }
}

/**
 * Edits a closed journal file the way a hex editor would: the one place `from` occurs in its
 * bytes becomes `to`, of the same length (so SQLite's page and record layout still hold).
 */
export function editFileBytes(file: string, from: Buffer, to: Buffer): void {
  if (from.length !== to.length) throw new Error('editFileBytes keeps the length: from and to must be as long as each other.');
  const bytes = fs.readFileSync(file);
  const at = bytes.indexOf(from);
  if (at < 0 || bytes.indexOf(from, at + 1) >= 0) throw new Error(`The bytes ${from.toString('hex')} are not in ${file} exactly once.`);
  to.copy(bytes, at);
  fs.writeFileSync(file, bytes);
}
