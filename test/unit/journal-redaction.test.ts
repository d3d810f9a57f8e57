import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { journalSecretFieldNames } from '../../src/core/journal/model.ts';
import { JournalSecretError, redactForJournal } from '../../src/core/journal/redaction.ts';
import { makeCanaries } from '../helpers/journal-fixtures.ts';

const canaries = makeCanaries();

test('declared secret fields are replaced at any depth, whatever their spelling', () => {
  const redacted = redactForJournal(
    {
      password: 'hunter2',
      request: { headers: { Authorization: 'Bearer opaque' }, body: { client_assertion: 'x', 'code-verifier': 'y' } },
      responses: [{ access_token: 'at', refreshToken: 'rt', expires_in: 3599 }],
      credential: { secretText: 'app-secret', keyId: 'k1' },
      pfx: { bytes: 'MII…' },
      pin: null,
      user: 'bg1@contoso.onmicrosoft.com',
    },
    journalSecretFieldNames,
    { mode: 'development' },
  );
  assert.deepEqual(redacted, {
    password: '[redacted]',
    request: { headers: { Authorization: '[redacted]' }, body: { client_assertion: '[redacted]', 'code-verifier': '[redacted]' } },
    responses: [{ access_token: '[redacted]', refreshToken: '[redacted]', expires_in: 3599 }],
    credential: { secretText: '[redacted]', keyId: 'k1' },
    pfx: '[redacted]',
    pin: null,
    user: 'bg1@contoso.onmicrosoft.com',
  });
});

test('the input is not modified', () => {
  const input = { password: 'hunter2' };
  redactForJournal(input, journalSecretFieldNames, { mode: 'production' });
  assert.equal(input.password, 'hunter2');
});

test('in development an undeclared secret-looking value is refused, naming the field but not the value', () => {
  const cases: Array<[unknown, string, RegExp]> = [
    [{ note: canaries.jwt }, 'data.note', /JSON Web Token/],
    [{ errors: [{ body: `{"assertion":"${canaries.jwt}"}` }] }, 'data.errors[0].body', /JSON Web Token/],
    [{ pasted: canaries.privateKeyPem }, 'data.pasted', /PEM private key/],
    [{ [canaries.jwt]: 'value' }, 'a field name in data', /JSON Web Token/],
  ];
  for (const [data, path, looksLike] of cases) {
    assert.throws(
      () => redactForJournal(data, journalSecretFieldNames, { mode: 'development', path: 'data' }),
      (error: unknown) => {
        assert.ok(error instanceof JournalSecretError);
        assert.ok(error.message.includes(path), `${error.message} names ${path}`);
        assert.match(error.message, looksLike);
        assert.ok(
          !error.message.includes(canaries.jwt.split('.')[1] ?? '') && !error.message.includes('MII'),
          'the secret is not repeated',
        );
        assert.ok(error.nextStep.length > 0);
        return true;
      },
    );
  }
});

test('in production an undeclared secret-looking value is replaced and says what it looked like', () => {
  const redacted = redactForJournal(
    { note: `token was ${canaries.jwt}`, key: canaries.privateKeyPem, fine: 'policy pol-1 set to report-only' },
    journalSecretFieldNames,
    { mode: 'production' },
  );
  assert.deepEqual(redacted, {
    note: '[redacted: looked like a JSON Web Token]',
    key: '[redacted: looked like a PEM private key]',
    fine: 'policy pol-1 set to report-only',
  });
});

test('every PEM private-key flavour is recognised', () => {
  for (const label of ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'OPENSSH PRIVATE KEY']) {
    const pem = `-----BEGIN ${label}-----\nAAAA\n-----END ${label}-----`;
    assert.equal(redactForJournal(pem, [], { mode: 'production' }), '[redacted: looked like a PEM private key]', label);
  }
});

test('base64 private keys and PFX files are recognised; certificates and public keys are not', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const secretBlobs = {
    pkcs8: rsa.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    pkcs1: rsa.privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64'),
    sec1: ec.privateKey.export({ type: 'sec1', format: 'der' }).toString('base64'),
    // PKCS#12: SEQUENCE { INTEGER 3, … } (RFC 7292); the rest does not matter to the check.
    pfx: Buffer.concat([Buffer.from([0x30, 0x82, 0x0a, 0x10, 0x02, 0x01, 0x03]), randomBytes(200)]).toString('base64'),
  };
  for (const [label, blob] of Object.entries(secretBlobs)) {
    assert.match(String(redactForJournal(blob, [], { mode: 'production' })), /^\[redacted: looked like a PKCS#12/, label);
    assert.match(String(redactForJournal(`pfx=${blob}`, [], { mode: 'production' })), /^\[redacted/, `${label} inside text`);
  }
  const publicBlobs = {
    spki: rsa.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    spkiPem: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    // An X.509 certificate starts SEQUENCE { SEQUENCE { [0] version … } }.
    certificate: Buffer.concat([
      Buffer.from([0x30, 0x82, 0x03, 0x10, 0x30, 0x82, 0x02, 0xf8, 0xa0, 0x03, 0x02, 0x01, 0x02]),
      randomBytes(200),
    ]).toString('base64'),
    thumbprint: randomBytes(32).toString('hex').toUpperCase(),
    guid: '19dbc75e-c2e2-444c-a770-ec69d8559fc7',
  };
  for (const [label, blob] of Object.entries(publicBlobs)) {
    assert.equal(redactForJournal(blob, [], { mode: 'development' }), blob, label);
  }
});

test('ordinary journal content passes through unchanged', () => {
  const data = {
    aadstsCode: 53003,
    message: 'AADSTS53003: Access has been blocked by Conditional Access policies.',
    traceId: 'b1f0c8e2-0a5b-4a8e-9c61-1b8e5f0e2a00',
    policies: ['pol-1', 'pol-2'],
    thumbprint: 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678',
    requestUrl: 'https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies/pol-1',
    nested: { ok: true, count: 3, none: null },
  };
  assert.deepEqual(redactForJournal(data, journalSecretFieldNames, { mode: 'development' }), data);
});
