/**
 * The Settings form's working copy (src/renderer/settings/runbook-draft.ts): the runbook round-trips
 * through the fields, empty optional fields are left out of the file, and each problem the runbook
 * format finds lands at the field its JSON path names.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { builtinRunbook } from '../../src/core/runbooks/builtin-runbook.ts';
import { checkContent, contentOf, draftOf, emptyContact, hasField } from '../../src/renderer/settings/runbook-draft.ts';

const filled = {
  ...builtinRunbook,
  organisation: {
    name: 'Contoso Ltd',
    safeLocation: 'Building 2, room 014',
    custodians: ['Ada Custodian'],
    securityOperations: {
      description: 'The SOC.',
      contacts: [{ name: 'SOC duty phone', phone: '+44 20 7946 0000', note: 'Around the clock.' }],
    },
  },
  keys: [{ label: 'Safe key A1', account: 'bg1@contoso.onmicrosoft.com', location: 'Branch safe' }],
  envelopes: [{ label: 'Envelope 1', account: 'bg1@contoso.onmicrosoft.com' }],
  appCertificate: { label: "USB stick 'BG-APP'", file: 'bg-app.pfx', passphraseEnvelope: 'Envelope P' },
};

describe('the Settings form’s working copy', () => {
  test('a runbook goes through the fields and back unchanged', () => {
    for (const runbook of [builtinRunbook, filled]) {
      const content = contentOf(runbook, draftOf(runbook));
      assert.deepEqual(content, runbook);
      assert.deepEqual(checkContent(content), { ok: true, runbook });
    }
  });

  test('empty optional fields are left out, and three empty certificate fields mean no app certificate', () => {
    const draft = draftOf(filled);
    const content = contentOf(filled, {
      ...draft,
      name: '  ',
      custodians: '\n',
      contacts: [{ ...emptyContact, name: ' SOC ', email: 'soc@fabrikam.example' }],
      envelopes: [],
      certificate: { label: '', file: '', passphraseEnvelope: '' },
    }) as typeof filled;
    assert.deepEqual(content.organisation, {
      securityOperations: { description: 'The SOC.', contacts: [{ name: 'SOC', email: 'soc@fabrikam.example' }] },
      safeLocation: 'Building 2, room 014',
    });
    assert.equal('envelopes' in content, false);
    assert.equal('appCertificate' in content, false);
  });

  test('each problem lands at its field: a phone number that does not fit, an empty name, half a certificate, a contact with no way to reach it', () => {
    const draft = draftOf(filled);
    const checked = checkContent(
      contentOf(filled, {
        ...draft,
        contacts: [
          { ...emptyContact, phone: 'call the SOC' },
          { ...emptyContact, name: 'Nobody' },
        ],
        certificate: { label: 'USB stick', file: '', passphraseEnvelope: '' },
        keys: [{ label: 'Key', account: 'not-an-account', location: '' }],
      }),
    );
    assert.equal(checked.ok, false);
    const problems = checked.ok ? new Map() : checked.problems;
    const contacts = '$.organisation.securityOperations.contacts';
    assert.deepEqual(problems.get(`${contacts}[0].name`), ['must not be empty']);
    assert.deepEqual(problems.get(`${contacts}[0].phone`), ['must be a phone number (digits, spaces, + ( ) . / -)']);
    assert.deepEqual(problems.get(`${contacts}[1]`), ['needs a phone number or an email address, or nobody can reach this contact']);
    assert.deepEqual(problems.get('$.appCertificate.file'), ['must not be empty']);
    assert.deepEqual(problems.get('$.keys[0].account'), ['must be a user principal name (name@domain)']);
    assert.ok([...problems.keys()].every(hasField), 'every one of them has a field to show it at');
  });

  test('a custodian’s problem is shown at the custodians field with its line; a step’s problem has no field and is listed', () => {
    const checked = checkContent({
      ...filled,
      organisation: { ...filled.organisation, custodians: ['Ada', ''] },
      steps: filled.steps.map((step, index) => (index === 0 ? { ...step, text: 'Type {PIN}.' } : step)),
    });
    assert.equal(checked.ok, false);
    const problems = checked.ok ? new Map() : checked.problems;
    assert.deepEqual(problems.get('$.organisation.custodians'), ['line 2: must not be empty']);
    assert.equal(hasField('$.organisation.custodians'), true);
    assert.match(problems.get('$.steps[0].text')?.[0] ?? '', /\{PIN\} is not a placeholder/);
    assert.equal(hasField('$.steps[0].text'), false);
  });
});
