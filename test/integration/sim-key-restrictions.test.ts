/**
 * The simulator's security-key page decides as the tenant's authentication methods policy does
 * (docs/microsoft-behaviour.md, "Passkeys, certificates and mandatory MFA"): a key signs in only
 * while Fido2 is enabled for the account and the key restrictions let its model (AAGUID) in;
 * attestation, checked at registration, refuses no registered key. A refused key gets the page's
 * words and no token – Microsoft documents no AADSTS code for it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { ids, pins, testSeed, upn } from '../helpers/sim-seed.ts';
import { bg1Touch } from '../helpers/rotation.ts';
import { startTestSimulator } from '../helpers/sim.ts';

const safeModel = 'cb69481e-8ff7-4039-93ec-0a2729a154a8';
const otherModel = 'ee882879-721c-4913-9775-3dfcce97072a';

/** The test tenant with a Fido2 configuration as Graph returns it (resources/fido2authenticationmethodconfiguration). */
async function tenantWith(fido2: Record<string, unknown>) {
  return startTestSimulator(
    testSeed((json) => {
      json['authenticationMethodConfigurations'] = [
        {
          '@odata.type': '#microsoft.graph.fido2AuthenticationMethodConfiguration',
          id: 'Fido2',
          state: 'enabled',
          isSelfServiceRegistrationAllowed: true,
          isAttestationEnforced: false,
          keyRestrictions: { isEnforced: false, enforcementType: 'block', aaGuids: [] },
          includeTargets: [{ id: 'all_users', targetType: 'group', isRegistrationRequired: false }],
          excludeTargets: [],
          ...fido2,
        },
      ];
    }),
  );
}

/** bg1 touches its first key: the account signed in, or the words of the page that refused the key. */
const bg1Touches = (sim: Awaited<ReturnType<typeof tenantWith>>) => bg1Touch(sim, { key: '0', pin: pins.bg1 });

describe('the simulator’s security-key page and the FIDO2 policy', () => {
  test('an allow list without the key’s model refuses it, in words, before the PIN counts', async () => {
    const sim = await tenantWith({ keyRestrictions: { isEnforced: true, enforcementType: 'allow', aaGuids: [otherModel] } });
    const answer = await bg1Touches(sim);
    assert.ok('refused' in answer, JSON.stringify(answer));
    assert.match(answer.refused, /does not allow this model of security key/);
  });

  test('a block list naming the model refuses it; one naming another model lets it in', async () => {
    const blocked = await bg1Touches(
      await tenantWith({ keyRestrictions: { isEnforced: true, enforcementType: 'block', aaGuids: [safeModel] } }),
    );
    assert.ok('refused' in blocked);
    const other = await bg1Touches(
      await tenantWith({ keyRestrictions: { isEnforced: true, enforcementType: 'block', aaGuids: [otherModel] } }),
    );
    assert.deepEqual(other, { signedIn: upn('bg1') });
  });

  test('an allow list with the model, or restrictions not enforced, or attestation enforced later: the key signs in', async () => {
    assert.deepEqual(
      await bg1Touches(
        await tenantWith({ keyRestrictions: { isEnforced: true, enforcementType: 'allow', aaGuids: [safeModel.toUpperCase()] } }),
      ),
      { signedIn: upn('bg1') },
    );
    assert.deepEqual(await bg1Touches(await tenantWith({ isAttestationEnforced: true })), { signedIn: upn('bg1') });
  });

  test('Fido2 disabled, or the account excluded, refuses the key', async () => {
    const disabled = await bg1Touches(await tenantWith({ state: 'disabled' }));
    assert.ok('refused' in disabled && /Security keys are not enabled/.test(disabled.refused));
    const excluded = await bg1Touches(await tenantWith({ excludeTargets: [{ id: ids.bg1, targetType: 'user' }] }));
    assert.ok('refused' in excluded && /does not let this account sign in with a security key/.test(excluded.refused));
  });
});
