/**
 * No secret ever enters the journal (docs/domain.md, "Journal rules"): canary secrets go through a
 * sign-in-and-rotate flow, then the bytes of the database and its WAL are searched for them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { JournalSecretError } from '../../src/core/journal/redaction.ts';
import { JournalStore } from '../../src/main/journal/store.ts';
import { canaryFragments, makeCanaries, tempDir, type Canaries } from '../helpers/journal-fixtures.ts';

function leaks(file: string, fragments: readonly string[]): string[] {
  if (!fs.existsSync(file)) return [];
  const bytes = fs.readFileSync(file);
  return fragments
    .filter((fragment) => bytes.includes(Buffer.from(fragment, 'utf8')))
    .map((fragment) => `${path.basename(file)}: ${fragment.slice(0, 12)}…`);
}

/** An incident as the services will journal it, with every secret they will have in hand. */
function journalAFlowHoldingSecrets(store: JournalStore, canaries: Canaries): void {
  const incident = store.openSession({
    kind: 'incident',
    title: 'MFA outage',
    actor: 'Ada',
    witness: 'Grace',
    details: { reference: 'INC-9' },
  });
  const base = { sessionId: incident.id, actor: 'Ada', witness: 'Grace' };
  store.append({
    ...base,
    kind: 'sign-in-attempt',
    summary: 'Signed in as the break-glass app with its certificate.',
    data: {
      appId: '11111111-2222-3333-4444-555555555555',
      pfxPassphrase: canaries.password,
      certificate: { thumbprint: 'A1B2C3', privateKeyPem: canaries.privateKeyPem },
      tokenRequest: { client_assertion: canaries.jwt, grant_type: 'client_credentials' },
      tokenResponse: { access_token: canaries.jwt, token_type: 'Bearer', expires_in: 3599 },
    },
  });
  store.append({
    ...base,
    kind: 'graph-write',
    summary: 'Set a new password on bg1.',
    data: {
      userId: 'bg1',
      passwordProfile: { password: canaries.password, forceChangePasswordNextSignIn: false },
      headers: { Authorization: `Bearer ${canaries.jwt}` },
    },
    graphRequestIds: ['req-1'],
  });
  store.append({
    ...base,
    kind: 'rotation-step',
    summary: 'Added the new certificate with addKey.',
    data: { proof: canaries.jwt, keyCredential: { key: 'public certificate only' }, passwordCredential: { secretText: canaries.password } },
  });
}

test('canary secrets handed to the journal never reach the database or its WAL', (t) => {
  const dir = tempDir(t, 'secrets');
  const file = path.join(dir, 'journal.sqlite3');
  const canaries = makeCanaries();
  const fragments = canaryFragments(canaries);
  const store = JournalStore.open(file, { redaction: 'production' });

  journalAFlowHoldingSecrets(store, canaries);
  // Undeclared: an error body echoing a token, a key pasted into a note, a token in a title.
  const review = store.openSession({ kind: 'review', title: `Review of ${canaries.jwt}`, actor: 'Ada' });
  store.append({
    sessionId: review.id,
    actor: 'Ada',
    kind: 'note',
    summary: `Pasted by mistake: ${canaries.privateKeyPem}`,
    data: { errorBody: `{"error":"invalid_grant","assertion":"${canaries.jwt}"}` },
  });

  assert.ok(fs.statSync(`${file}-wal`).size > 0, 'the entries are in the WAL now');
  const whileOpen = [...leaks(file, fragments), ...leaks(`${file}-wal`, fragments)];
  const readBack = JSON.stringify({ entries: store.entries(), sessions: store.sessions() });
  assert.equal(store.verify().intact, true);
  assert.match(readBack, /\[redacted: looked like a JSON Web Token\]/);
  assert.match(readBack, /\[redacted: looked like a PEM private key\]/);
  store.close();

  const afterCheckpoint = [...leaks(file, fragments), ...leaks(`${file}-wal`, fragments)];
  assert.deepEqual(whileOpen, []);
  assert.deepEqual(afterCheckpoint, []);
  assert.deepEqual(
    fragments.filter((fragment) => readBack.includes(fragment)),
    [],
  );
  assert.ok(fragments.length >= 6, 'the scan looks for every canary');
});

test('in development an undeclared secret is refused loudly and nothing is written', (t) => {
  const file = path.join(tempDir(t, 'secrets'), 'journal.sqlite3');
  const canaries = makeCanaries();
  const store = JournalStore.open(file, { redaction: 'development' });
  t.after(() => store.close());
  journalAFlowHoldingSecrets(store, canaries);
  const head = store.head();
  const session = store.sessions()[0];
  assert.ok(session);

  for (const [summary, data, field] of [
    ['Token echoed', { errorBody: `{"assertion":"${canaries.jwt}"}` }, 'entry.data.errorBody'],
    [`Key: ${canaries.privateKeyPem}`, {}, 'entry.summary'],
  ] as const) {
    assert.throws(
      () => store.append({ sessionId: session.id, actor: 'Ada', kind: 'note', summary, data }),
      (error: unknown) =>
        error instanceof JournalSecretError &&
        error.path === field &&
        !canaryFragments(canaries).some((fragment) => error.message.includes(fragment)),
    );
  }
  assert.deepEqual(store.head(), head);
  assert.throws(() => store.openSession({ kind: 'drill', title: canaries.jwt, actor: 'Ada' }), JournalSecretError);
});
