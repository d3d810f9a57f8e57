/**
 * A break-glass account signing in through a client nobody has consented to yet (issue 12, item 2):
 * the product asks for the delegated scopes its flows need by name, the simulated Entra shows a
 * Global Administrator its consent step and records the grant as an oAuth2PermissionGrant, the
 * token carries exactly the requested scopes; a user who may not consent gets AADSTS90094,
 * explained; `.default` gives only what is consented; and a session whose token lacks a scope
 * says so before anything is sent to Graph.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { endpointsForSimulator } from '../../src/main/entra/endpoints.ts';
import { SignInError, signInWithSecurityKey } from '../../src/main/entra/sign-in.ts';
import { TenantSession, factsFromToken } from '../../src/main/entra/tenant-session.ts';
import { delegatedScopesToRequest } from '../../src/core/graph/delegated-permissions.ts';
import { ActionableError } from '../../src/shared/actionable-error.ts';
import { custodianConsentGrantId, graphDelegated, ids, keyIndex, pins, testSeed, upn, withoutConsent } from '../helpers/sim-seed.ts';
import {
  answerSecurityKeyPage,
  scriptedBrowser,
  signInWithSecurityKey as msalSecurityKeySignIn,
  simRequest,
  startTestSimulator,
  type KeyTouch,
} from '../helpers/sim.ts';

const requested = delegatedScopesToRequest();

const sim = await startTestSimulator(testSeed(withoutConsent));
/** A tenant where nothing is consented and bg2 is an ordinary member: its Global Administrator assignment is taken away. */
const memberSim = await startTestSimulator(
  testSeed((json) => {
    withoutConsent(json);
    json['roleAssignmentSchedules'] = (json['roleAssignmentSchedules'] as Array<{ principalId: string }>).filter(
      (s) => s.principalId !== ids.bg2,
    );
  }),
);

function accountSignIn(account: 'bg1' | 'bg2', touches: readonly KeyTouch[], tenant = sim) {
  const endpoints = endpointsForSimulator(tenant);
  const browser = scriptedBrowser(tenant, touches);
  const session = signInWithSecurityKey({
    endpoints,
    clientId: ids.custodian.appId,
    userPrincipalName: upn(account),
    openBrowser: browser.openBrowser,
    context: { otherAccountAvailable: true, appPathAvailable: true },
  });
  return { session, seen: browser.seen };
}

const custodianGrants = () =>
  sim.snapshot().oauth2PermissionGrants.filter((g) => g.clientId === ids.custodian.sp && g.resourceId === ids.graphSp);

describe('a Global Administrator signing in where nothing is consented', () => {
  test('the sign-in names its scopes, the consent step lists them, accepting for the organization records an AllPrincipals grant, and the token carries them', async () => {
    assert.deepEqual(custodianGrants(), [], 'no consent to begin with');
    const { session, seen } = accountSignIn('bg1', [{ key: keyIndex.bg1, pin: pins.bg1 }, { consent: 'organization' }]);
    const signedIn = await session;

    const asked = seen.authorizeUrl!.searchParams.get('scope')!.split(' ');
    assert.ok(!asked.some((s) => s.endsWith('/.default')), `explicit scopes, never .default alone: ${asked.join(' ')}`);
    for (const scope of requested) assert.ok(asked.includes(`https://graph.microsoft.com/${scope}`), `asks for ${scope}`);

    const consentPage = seen.pages.find((p) => p.includes('Permissions requested'));
    assert.ok(consentPage, 'the consent step was shown after the security key');
    for (const scope of requested) assert.ok(consentPage.includes(scope), `the consent step lists ${scope}`);
    assert.match(consentPage, /Consent on behalf of your organization/);

    const [grant, ...others] = custodianGrants();
    assert.equal(others.length, 0);
    assert.equal(grant!.consentType, 'AllPrincipals');
    assert.equal(grant!.principalId, null);
    assert.deepEqual(grant!.scope.split(' ').sort(), [...requested].sort());

    assert.deepEqual([...signedIn.facts.permissions].sort(), [...requested].sort(), 'the token carries exactly the requested scopes');
    const listed = await signedIn.graph.list<{ clientId: string; consentType: string; scope: string }>(
      `/oauth2PermissionGrants?$filter=clientId eq '${ids.custodian.sp}'`,
    );
    assert.deepEqual(
      listed.map((g) => g.consentType),
      ['AllPrincipals'],
      'Graph lists the grant the consent made',
    );
  });

  test('the next sign-in needs no consent step: the grant is there', async () => {
    const { session, seen } = accountSignIn('bg1', [{ key: keyIndex.bg1, pin: pins.bg1 }]);
    await session;
    assert.ok(!seen.pages.some((p) => p.includes('Permissions requested')));
  });
});

describe('consent for oneself, and declining', () => {
  test('without the organization box the grant is for the signed-in user only (Principal)', async () => {
    const own = await startTestSimulator(testSeed(withoutConsent));
    const browser = scriptedBrowser(own, [{ key: keyIndex.bg1, pin: pins.bg1 }, { consent: 'me' }]);
    const session = await signInWithSecurityKey({
      endpoints: endpointsForSimulator(own),
      clientId: ids.custodian.appId,
      userPrincipalName: upn('bg1'),
      openBrowser: browser.openBrowser,
    });
    const grants = own.snapshot().oauth2PermissionGrants;
    assert.equal(grants.length, 1);
    assert.equal(grants[0]!.consentType, 'Principal');
    assert.equal(grants[0]!.principalId, ids.bg1);
    assert.deepEqual([...session.facts.permissions].sort(), [...requested].sort());
  });

  test('cancelling the consent step ends the sign-in with AADSTS65004, explained, and records nothing', async () => {
    const own = await startTestSimulator(testSeed(withoutConsent));
    const browser = scriptedBrowser(own, [{ key: keyIndex.bg1, pin: pins.bg1 }, { consent: 'decline' }]);
    await assert.rejects(
      signInWithSecurityKey({
        endpoints: endpointsForSimulator(own),
        clientId: ids.custodian.appId,
        userPrincipalName: upn('bg1'),
        openBrowser: browser.openBrowser,
      }),
      (error: unknown) => {
        assert.ok(error instanceof SignInError);
        assert.equal(error.explanation.code, 65004);
        return true;
      },
    );
    assert.deepEqual(own.snapshot().oauth2PermissionGrants, []);
  });
});

describe('an account that may not consent', () => {
  test('gets AADSTS90094, explained: an administrator must grant the permissions first; the sign-in log records it', async () => {
    const { session, seen } = accountSignIn('bg2', [{ key: keyIndex.bg2, pin: pins.bg2 }], memberSim);
    await assert.rejects(session, (error: unknown) => {
      assert.ok(error instanceof SignInError, String(error));
      assert.equal(error.explanation.code, 90094);
      assert.match(error.explanation.explanation, /administrator/i);
      assert.match(error.nextStep, /Global Administrator|Privileged Role Administrator/);
      return true;
    });
    assert.ok(!seen.pages.some((p) => p.includes('Permissions requested')), 'no consent step for a user who may not consent');
    const logged = memberSim.snapshot().signIns.find((s) => s.userId === ids.bg2);
    assert.equal(logged?.status.errorCode, 90094);
  });
});

describe('Microsoft Graph Command Line Tools, Microsoft’s own client', () => {
  const cli = { appId: '14d82eec-204b-4c2f-b7e8-296a70dab67e', sp: 'd2000000-0000-4000-8000-0000000000c1' };
  /** Its service principal as a tenant holds it: owned by Microsoft's tenant, no application object here. */
  const withGraphCommandLineTools = (json: Record<string, unknown>) => {
    withoutConsent(json);
    (json['servicePrincipals'] as unknown[]).push({
      id: cli.sp,
      appId: cli.appId,
      displayName: 'Microsoft Graph Command Line Tools',
      accountEnabled: true,
      servicePrincipalType: 'Application',
      appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
      appRoleAssignmentRequired: false,
      appRoles: [],
      oauth2PermissionScopes: [],
    });
  };

  test('signs in through its service principal alone; the consent names Microsoft as publisher and is recorded against that service principal', async () => {
    const own = await startTestSimulator(testSeed(withGraphCommandLineTools));
    const browser = scriptedBrowser(own, [{ key: keyIndex.bg1, pin: pins.bg1 }, { consent: 'organization' }]);
    const session = await signInWithSecurityKey({
      endpoints: endpointsForSimulator(own),
      clientId: cli.appId,
      userPrincipalName: upn('bg1'),
      openBrowser: browser.openBrowser,
    });
    assert.match(
      browser.seen.pages.find((p) => p.includes('Permissions requested')) ?? '',
      /Microsoft Graph Command Line Tools<\/strong> \(Microsoft\)/,
    );
    assert.deepEqual(
      own.snapshot().oauth2PermissionGrants.map((g) => [g.clientId, g.resourceId, g.consentType]),
      [[cli.sp, ids.graphSp, 'AllPrincipals']],
    );
    assert.equal(session.facts.appId, cli.appId);
  });

  test('a seed that gives it an application object in the tenant is refused', () => {
    assert.throws(
      () =>
        testSeed((json) => {
          withGraphCommandLineTools(json);
          (json['applications'] as unknown[]).push({
            id: 'd1000000-0000-4000-8000-0000000000c1',
            appId: cli.appId,
            displayName: 'Microsoft Graph Command Line Tools',
            signInAudience: 'AzureADMultipleOrgs',
            keyCredentials: [],
            passwordCredentials: [],
            owners: [],
          });
        }),
      /its application object is not in this tenant/,
    );
  });
});

describe('the device-code flow', () => {
  /** The code entered on "another device", the key touched, then each further answer given. */
  function deviceCodeSignIn(tenant: typeof sim, account: 'bg1' | 'bg2', answers: readonly KeyTouch[]) {
    const pages: string[] = [];
    const session = signInWithSecurityKey({
      endpoints: endpointsForSimulator(tenant),
      clientId: ids.custodian.appId,
      userPrincipalName: upn(account),
      onDeviceCode: (prompt) => {
        void (async () => {
          let page = await simRequest(tenant, new URL(prompt.verificationUri).pathname, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: `user_code=${prompt.userCode}`,
          });
          for (const answer of answers) {
            page = await answerSecurityKeyPage(tenant, page, '/devicelogin/authenticate', answer);
            pages.push(page.body.toString('utf8'));
          }
        })();
      },
    });
    return { session, pages };
  }

  test(
    'asks a Global Administrator for consent on the device page too, and the token then carries the scopes',
    { timeout: 30_000 },
    async () => {
      const own = await startTestSimulator(testSeed(withoutConsent));
      const { session, pages } = deviceCodeSignIn(own, 'bg1', [{ key: keyIndex.bg1, pin: pins.bg1 }, { consent: 'organization' }]);
      const signedIn = await session;
      assert.match(pages[0] ?? '', /Permissions requested/);
      assert.deepEqual([...signedIn.facts.permissions].sort(), [...requested].sort());
    },
  );

  test(
    'a user who may not consent is told AADSTS90094 on the device page; the waiting app, which msal tells only "refused", points there',
    { timeout: 30_000 },
    async () => {
      const { session, pages } = deviceCodeSignIn(memberSim, 'bg2', [{ key: keyIndex.bg2, pin: pins.bg2 }]);
      await assert.rejects(session, (error: unknown) => {
        assert.ok(error instanceof SignInError, String(error));
        assert.match(error.explanation.title, /other device was refused/);
        assert.ok(error.explanation.nextSteps.some((s) => s.includes('AADSTS90094')));
        return true;
      });
      assert.match(pages[0] ?? '', /AADSTS90094/);
    },
  );
});

describe('/.default', () => {
  test('with nothing consented, a tenant-owned client prompts for what its registration lists', async () => {
    const own = await startTestSimulator(
      testSeed((json) => {
        withoutConsent(json);
        const custodian = (json['applications'] as Array<{ appId: string; requiredResourceAccess?: unknown }>).find(
          (a) => a.appId === ids.custodian.appId,
        )!;
        custodian.requiredResourceAccess = [
          {
            resourceAppId: '00000003-0000-0000-c000-000000000000',
            resourceAccess: [
              { id: graphDelegated['User.Read'], type: 'Scope' },
              { id: graphDelegated['Policy.Read.All'], type: 'Scope' },
            ],
          },
        ];
      }),
    );
    const result = await msalSecurityKeySignIn(own, ids.custodian.appId, [
      { key: keyIndex.bg1, pin: pins.bg1 },
      { consent: 'organization' },
    ]);
    const facts = factsFromToken(
      result.accessToken,
      { kind: 'user', method: 'security-key', who: upn('bg1'), appId: ids.custodian.appId },
      new Date(),
    );
    assert.deepEqual(
      [...facts.permissions].sort(),
      ['Policy.Read.All', 'User.Read'],
      'exactly what the registration lists, once consented',
    );
    assert.equal(own.snapshot().oauth2PermissionGrants[0]?.scope, 'User.Read Policy.Read.All');
  });

  test('gives exactly the consented scopes and nothing more', async () => {
    const partial = await startTestSimulator(
      testSeed((json) => {
        json['oauth2PermissionGrants'] = [
          {
            id: custodianConsentGrantId,
            clientId: ids.custodian.sp,
            consentType: 'AllPrincipals',
            principalId: null,
            resourceId: ids.graphSp,
            scope: 'User.Read Policy.Read.All',
          },
        ];
      }),
    );
    const result = await msalSecurityKeySignIn(partial, ids.custodian.appId, [{ key: keyIndex.bg1, pin: pins.bg1 }]);
    const facts = factsFromToken(
      result.accessToken,
      { kind: 'user', method: 'security-key', who: upn('bg1'), appId: ids.custodian.appId },
      new Date(),
    );
    assert.deepEqual([...facts.permissions].sort(), ['Policy.Read.All', 'User.Read']);
  });

  test('with nothing consented, and a first-party-like client the tenant cannot see the registration of, fails with AADSTS65001', async () => {
    const none = await startTestSimulator(testSeed(withoutConsent));
    await assert.rejects(msalSecurityKeySignIn(none, ids.custodian.appId, [{ key: keyIndex.bg1, pin: pins.bg1 }]), /AADSTS65001/);
  });
});

describe('a session whose token lacks a scope', () => {
  test('refuses the action before anything reaches Graph, naming the missing permission and what to do', async () => {
    const partial = await startTestSimulator(
      testSeed((json) => {
        json['oauth2PermissionGrants'] = [
          {
            id: custodianConsentGrantId,
            clientId: ids.custodian.sp,
            consentType: 'AllPrincipals',
            principalId: null,
            resourceId: ids.graphSp,
            scope: 'User.Read Policy.Read.All Application.Read.All',
          },
        ];
      }),
    );
    const result = await msalSecurityKeySignIn(partial, ids.custodian.appId, [{ key: keyIndex.bg1, pin: pins.bg1 }]);
    const facts = factsFromToken(
      result.accessToken,
      { kind: 'user', method: 'security-key', who: upn('bg1'), appId: ids.custodian.appId },
      new Date(),
    );
    const session = new TenantSession({
      facts,
      endpoints: endpointsForSimulator(partial),
      tokens: async () => ({ accessToken: result.accessToken, expiresOn: result.expiresOn }),
    });
    assert.throws(
      () => session.ensureDelegated('ca-report-only'),
      (error: unknown) =>
        error instanceof ActionableError &&
        /report-only will not work/.test(error.message) &&
        /Policy\.ReadWrite\.ConditionalAccess/.test(error.message) &&
        /consent/.test(error.nextStep),
    );
    assert.doesNotThrow(() => session.ensureDelegated('confirm-access'));
  });
});
