/**
 * The check catalogue end to end (docs/domain.md, "The catalogue"): hand-built tenants – the
 * demo tenant with one thing changed – served by the simulator, read by the reader app over
 * HTTPS through Graph and ARM, and checked. Every id has a passing and a failing (or warning)
 * case and, where the data can be unreadable, an indeterminate one. This file: the demo tenant
 * as a whole, the accounts (BG-INV, BG-USR) and Conditional Access (BG-CA); the other areas are
 * in checks-through-simulator-pim-app-monitoring.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { checkIds, subjectLabel } from '../../src/core/checks/model.ts';
import type { Seed } from '../../src/sim/index.ts';
import {
  daysBefore,
  defineCheckCases,
  demo,
  describeResult,
  fix,
  fixAll,
  policy,
  readerWithout,
  resultsOf,
  revokeGraphPermission,
  roles,
  user,
  type Change,
} from '../helpers/check-pipeline.ts';

describe('the demo tenant through the simulator', () => {
  test('yields exactly the planted problems of assets/demo-tenant.README.md, and nothing else is short of pass', async () => {
    const notPassing = (await resultsOf()).filter((r) => r.status !== 'pass').map((r) => `${r.id} ${r.status} ${subjectLabel(r.subject)}`);
    assert.deepEqual(notPassing.sort(), [
      'BG-APP-04 fail Break-Glass Emergency Access App', // #5 the client secret
      'BG-CA-01 fail CA210-Internals-DataProtection-Office365-AnyPlatform-CompliantDevice × breakglass2@contosodrill.onmicrosoft.com', // #1
      'BG-CA-02 warn CA106-Admins-BaseProtection-AnyApp-AnyPlatform-CompliantDevice × breakglass1@contosodrill.onmicrosoft.com', // #2
      'BG-CA-02 warn CA106-Admins-BaseProtection-AnyApp-AnyPlatform-CompliantDevice × breakglass2@contosodrill.onmicrosoft.com', // #2
      'BG-CA-04 warn CA001-Global-AttackSurfaceReduction-AnyApp-AnyPlatform-BLOCK-CountryWhitelist', // #3 the deleted group
      'BG-MON-02 fail breakglass2@contosodrill.onmicrosoft.com', // #7 the query names breakglass1 only
      'BG-MON-04 fail Action groups of the break-glass alert rules', // #6 mailboxes inside the tenant only
      'BG-USR-05 warn breakglass2@contosodrill.onmicrosoft.com', // #4 one key
    ]);
  });

  test('with the seven planted problems fixed, every check of every subject passes', async () => {
    const results = await resultsOf(fixAll);
    assert.deepEqual(results.filter((r) => r.status !== 'pass').map(describeResult), []);
    assert.deepEqual([...new Set(results.map((r) => r.id))], [...checkIds], 'every id of the catalogue is reported, in catalogue order');
  });
});

// ——— Changes shared by several cases (one simulator run each) ———

/** breakglass2 replaced in the inventory by a UPN the tenant does not know (and no object id). */
const unknownAccount: Change = (_seed, inventory) => {
  inventory.accounts[1] = { userPrincipalName: 'breakglass3@contosodrill.onmicrosoft.com' };
};
const readerWithoutPolicyRead: Change = (seed) => readerWithout(seed, 'Policy.Read.All');
const readerWithoutAuditLog: Change = (seed) => readerWithout(seed, 'AuditLog.Read.All');
const readerWithoutRoleRead: Change = (seed) => readerWithout(seed, 'RoleManagement.Read.Directory');
const readerWithoutDirectoryRead: Change = (seed) => readerWithout(seed, 'Directory.Read.All', 'Application.Read.All');
const readerWithoutMethodRead: Change = (seed) => revokeGraphPermission(seed, demo.reader.sp, 'UserAuthenticationMethod.Read.All');
const freeLicence: Change = (seed) => {
  seed.tenant.licence = 'free';
};

/** breakglass2's permanent Global Administrator assignment, to change. */
const bg2GlobalAdministrator = (seed: Seed) =>
  seed.roleAssignmentSchedules.find((s) => s.principalId === demo.bg2 && s.roleDefinitionId === roles.globalAdministrator)!;

const bg2 = /breakglass2@/;
const policiesRefused = /refused GET \/v1\.0\/identity\/conditionalAccess\/policies/;
const ghost = /breakglass3@/;

describe('accounts: BG-INV-01, BG-USR-01 … 08', () => {
  defineCheckCases([
    { id: 'BG-INV-01', status: 'pass', when: 'both configured accounts resolve' },
    {
      id: 'BG-INV-01',
      status: 'fail',
      when: 'only one account is configured',
      change: (_s, inventory) => void inventory.accounts.splice(1),
    },
    {
      id: 'BG-INV-01',
      status: 'indeterminate',
      when: 'a configured UPN does not exist in the tenant',
      because: /breakglass3@.*not resolved – Not found/,
      change: unknownAccount,
    },
    {
      id: 'BG-INV-01',
      status: 'indeterminate',
      when: 'the reader may not read users (no Directory.Read.All)',
      because: /refused GET \/v1\.0\/users\//,
      change: readerWithoutDirectoryRead,
    },

    { id: 'BG-USR-01', status: 'pass', when: 'the account is an enabled member', subject: bg2 },
    {
      id: 'BG-USR-01',
      status: 'fail',
      when: 'the account is disabled',
      subject: bg2,
      change: (seed) => void (user(seed, demo.bg2).accountEnabled = false),
    },
    {
      id: 'BG-USR-01',
      status: 'fail',
      when: 'the account is a guest',
      subject: bg2,
      change: (seed) => void (user(seed, demo.bg2).userType = 'Guest'),
    },
    {
      id: 'BG-USR-01',
      status: 'indeterminate',
      when: 'the account does not exist',
      subject: ghost,
      because: /Not found/,
      change: unknownAccount,
    },

    { id: 'BG-USR-02', status: 'pass', when: 'the account is cloud-only', subject: bg2 },
    {
      id: 'BG-USR-02',
      status: 'fail',
      when: 'the account is synchronised from on-premises AD',
      subject: bg2,
      change: (seed) =>
        Object.assign(user(seed, demo.bg2), { onPremisesSyncEnabled: true, onPremisesImmutableId: 'q3Xk9wYbL0uPz1vT8eR2mA==' }),
    },
    { id: 'BG-USR-02', status: 'indeterminate', when: 'the account does not exist', subject: ghost, change: unknownAccount },

    { id: 'BG-USR-03', status: 'pass', when: 'the UPN is on the initial onmicrosoft.com domain', subject: bg2 },
    {
      id: 'BG-USR-03',
      status: 'fail',
      when: 'the UPN is on the custom domain',
      subject: /breakglass2@contoso-drill\.com/,
      change: (seed, inventory) => {
        user(seed, demo.bg2).userPrincipalName = 'breakglass2@contoso-drill.com';
        inventory.accounts[1]!.userPrincipalName = 'breakglass2@contoso-drill.com';
      },
    },
    { id: 'BG-USR-03', status: 'indeterminate', when: 'the account does not exist', subject: ghost, change: unknownAccount },

    { id: 'BG-USR-04', status: 'pass', when: 'Global Administrator is a permanent active assignment', subject: bg2 },
    {
      id: 'BG-USR-04',
      status: 'fail',
      when: 'Global Administrator is only eligible',
      subject: bg2,
      change: (seed) => {
        const active = bg2GlobalAdministrator(seed);
        seed.roleAssignmentSchedules.splice(seed.roleAssignmentSchedules.indexOf(active), 1);
        const { assignmentType: _active, ...eligibility } = active;
        seed.roleEligibilitySchedules.push({ ...eligibility, id: 'bg2-ga-eligible' });
      },
    },
    {
      id: 'BG-USR-04',
      status: 'fail',
      when: 'the Global Administrator assignment is time-bound',
      subject: bg2,
      change: (seed) =>
        void (bg2GlobalAdministrator(seed).scheduleInfo.expiration = {
          type: 'afterDateTime',
          endDateTime: '2027-03-04T09:16:11Z',
          duration: null,
        }),
    },
    {
      id: 'BG-USR-04',
      status: 'warn',
      when: 'Global Administrator is held only through the role-assignable exclusion group',
      subject: bg2,
      change: (seed) => {
        const active = bg2GlobalAdministrator(seed);
        seed.roleAssignmentSchedules.splice(seed.roleAssignmentSchedules.indexOf(active), 1, {
          ...active,
          id: 'group-ga',
          principalId: demo.exclusionGroup,
        });
      },
    },
    {
      id: 'BG-USR-04',
      status: 'indeterminate',
      when: 'the reader may not read role assignments',
      subject: bg2,
      because: /refused GET \/v1\.0\/roleManagement\/directory\/roleAssignmentSchedules/,
      change: readerWithoutRoleRead,
    },

    { id: 'BG-USR-05', status: 'pass', when: 'a second FIDO2 key is registered', subject: bg2, change: fix.bg2SecondKey },
    { id: 'BG-USR-05', status: 'warn', when: 'only one FIDO2 key is registered', subject: bg2 },
    {
      id: 'BG-USR-05',
      status: 'fail',
      when: 'no FIDO2 key or certificate is registered',
      subject: bg2,
      change: (seed) => {
        const account = user(seed, demo.bg2);
        account.authenticationMethods = account.authenticationMethods!.filter(
          (m) => m['@odata.type'] !== '#microsoft.graph.fido2AuthenticationMethod',
        );
        seed.simulator.securityKeys = seed.simulator.securityKeys.filter((k) => k.userId !== demo.bg2);
      },
    },
    {
      id: 'BG-USR-05',
      status: 'indeterminate',
      when: 'the reader may not read authentication methods',
      subject: bg2,
      because: /refused GET .*\/authentication\/methods/,
      change: readerWithoutMethodRead,
    },

    { id: 'BG-USR-06', status: 'pass', when: 'only FIDO2 keys and the password are registered', subject: bg2 },
    {
      id: 'BG-USR-06',
      status: 'fail',
      when: 'a mobile phone is registered',
      subject: bg2,
      change: (seed) =>
        void user(seed, demo.bg2).authenticationMethods!.push({
          '@odata.type': '#microsoft.graph.phoneAuthenticationMethod',
          id: '3179e48a-750b-4051-897c-87b9720928f7',
          phoneNumber: '+49 1701234567',
          phoneType: 'mobile',
          smsSignInState: 'notAllowedByPolicy',
        }),
    },
    {
      id: 'BG-USR-06',
      status: 'indeterminate',
      when: 'the reader may not read authentication methods',
      subject: bg2,
      because: /refused GET .*\/authentication\/methods/,
      change: readerWithoutMethodRead,
    },

    { id: 'BG-USR-07', status: 'pass', when: 'the FIDO2 policy includes all users', subject: bg2 },
    {
      id: 'BG-USR-07',
      status: 'fail',
      when: 'the FIDO2 policy excludes the exclusion group (and certificates are off)',
      subject: bg2,
      change: (seed) =>
        void (seed.authenticationMethodConfigurations.find((c) => c.id === 'Fido2')!.excludeTargets = [
          { id: demo.exclusionGroup, targetType: 'group' },
        ]),
    },
    {
      id: 'BG-USR-07',
      status: 'fail',
      when: 'FIDO2 is disabled in the tenant',
      subject: bg2,
      change: (seed) => void (seed.authenticationMethodConfigurations.find((c) => c.id === 'Fido2')!.state = 'disabled'),
    },
    {
      id: 'BG-USR-07',
      status: 'indeterminate',
      when: 'the reader may not read the authentication methods policy',
      subject: bg2,
      because: /refused GET \/v1\.0\/policies\/authenticationMethodsPolicy/,
      change: readerWithoutPolicyRead,
    },

    { id: 'BG-USR-08', status: 'pass', when: 'the last sign-in was at the last drill', subject: bg2 },
    {
      id: 'BG-USR-08',
      status: 'warn',
      when: 'the last successful sign-in is older than the review interval',
      subject: bg2,
      change: (seed) =>
        Object.assign(user(seed, demo.bg2).signInActivity!, {
          lastSignInDateTime: daysBefore(120),
          lastSuccessfulSignInDateTime: daysBefore(120),
        }),
    },
    {
      id: 'BG-USR-08',
      status: 'warn',
      when: 'the account never signed in',
      subject: bg2,
      change: (seed) => void delete user(seed, demo.bg2).signInActivity,
    },
    {
      // BG-USR-08 (docs/domain.md, "The catalogue"): the last *successful* sign-in. accounts.ts falls back to lastSignInDateTime, which counts
      // failed attempts (a password spray keeps it green) – this case fails until that is fixed.
      id: 'BG-USR-08',
      status: 'warn',
      when: 'no successful sign-in is recorded and the last attempt, 2 days ago, may have failed',
      subject: bg2,
      change: (seed) =>
        Object.assign(user(seed, demo.bg2).signInActivity!, {
          lastSignInDateTime: daysBefore(2),
          lastSuccessfulSignInDateTime: null,
          lastSuccessfulSignInRequestId: null,
        }),
    },
    {
      id: 'BG-USR-08',
      status: 'indeterminate',
      when: 'the reader lacks AuditLog.Read.All',
      subject: bg2,
      because: /refused GET .*signInActivity/,
      change: readerWithoutAuditLog,
    },
    {
      id: 'BG-USR-08',
      status: 'indeterminate',
      when: 'the tenant has no P1/P2 licence',
      subject: bg2,
      because: /P1 or P2 licence, which the tenant does not have/,
      change: freeLicence,
    },
  ]);
});

describe('Conditional Access: BG-CA-01 … 06', () => {
  defineCheckCases([
    { id: 'BG-CA-01', status: 'pass', when: 'CA210 excludes the exclusion group', change: fix.ca210 },
    {
      id: 'BG-CA-01',
      status: 'pass',
      when: 'CA210 excludes a group the exclusion group is nested in',
      change: (seed) => {
        const outer = {
          ...structuredClone(seed.groups[0]!),
          id: 'f3c8a1d7-2b6e-4f94-8a5c-7d1e9b3f0a62',
          displayName: 'CA210-Exclusions',
          isAssignableToRole: false,
          members: [demo.exclusionGroup],
        };
        seed.groups.push(outer);
        policy(seed, 'CA210').conditions.users!.excludeGroups = [outer.id];
      },
    },
    {
      id: 'BG-CA-01',
      status: 'pass',
      when: 'CA210 excludes Global Administrators, a role both accounts hold actively',
      change: (seed) => void (policy(seed, 'CA210').conditions.users!.excludeRoles = [roles.globalAdministrator]),
    },
    { id: 'BG-CA-01', status: 'fail', when: 'CA210 excludes breakglass1 only', subject: /^CA210-/ },
    {
      id: 'BG-CA-01',
      status: 'fail',
      when: 'CA006 targets only the break-glass group but requires a compliant device (a lock-out, not BG-CA-03 protection)',
      subject: /^CA006-/,
      change: (seed) =>
        void (policy(seed, 'CA006').grantControls = {
          operator: 'OR',
          builtInControls: ['compliantDevice'],
          customAuthenticationFactors: [],
          termsOfUse: [],
          authenticationStrength: null,
        }),
    },
    {
      id: 'BG-CA-01',
      status: 'indeterminate',
      when: 'the reader may not read Conditional Access policies',
      because: policiesRefused,
      change: readerWithoutPolicyRead,
    },
    {
      id: 'BG-CA-01',
      status: 'indeterminate',
      when: 'the account does not exist',
      subject: ghost,
      because: /could not be read: Not found/,
      change: unknownAccount,
    },

    { id: 'BG-CA-02', status: 'pass', when: 'the report-only CA106 excludes the exclusion group', change: fix.ca106 },
    { id: 'BG-CA-02', status: 'warn', when: 'the report-only CA106 would apply to both accounts', subject: /^CA106-/ },
    {
      id: 'BG-CA-02',
      status: 'indeterminate',
      when: 'the reader may not read Conditional Access policies',
      because: policiesRefused,
      change: readerWithoutPolicyRead,
    },

    { id: 'BG-CA-03', status: 'pass', when: 'CA006 requires phishing-resistant MFA of the break-glass group only', subject: /^CA006-/ },
    {
      id: 'BG-CA-03',
      status: 'indeterminate',
      when: 'the reader may not read Conditional Access policies',
      because: policiesRefused,
      change: readerWithoutPolicyRead,
    },

    { id: 'BG-CA-04', status: 'pass', when: 'CA001 no longer excludes the deleted group', change: fix.ca001 },
    { id: 'BG-CA-04', status: 'warn', when: 'CA001 excludes a deleted group', subject: /^CA001-/ },
    {
      id: 'BG-CA-04',
      status: 'indeterminate',
      when: 'the reader may not read Conditional Access policies',
      because: policiesRefused,
      change: readerWithoutPolicyRead,
    },
    {
      id: 'BG-CA-04',
      status: 'indeterminate',
      when: 'the reader cannot resolve the excluded ids (no Directory.Read.All)',
      because: /refused POST \/v1\.0\/directoryObjects\/getByIds/,
      change: readerWithoutDirectoryRead,
    },

    { id: 'BG-CA-05', status: 'pass', when: 'the workload-identity policy CA500 excludes the app' },
    {
      id: 'BG-CA-05',
      status: 'fail',
      when: 'CA500 (all service principals) no longer excludes the app',
      subject: /^CA500-/,
      change: (seed) => {
        const clients = policy(seed, 'CA500').conditions.clientApplications!;
        clients.excludeServicePrincipals = clients.excludeServicePrincipals.filter((id) => id !== demo.app.sp);
      },
    },
    {
      id: 'BG-CA-05',
      status: 'indeterminate',
      when: 'the reader may not read Conditional Access policies',
      because: policiesRefused,
      change: readerWithoutPolicyRead,
    },

    { id: 'BG-CA-06', status: 'pass', when: 'the exclusion group is role-assignable, ownerless and holds only the accounts' },
    {
      id: 'BG-CA-06',
      status: 'warn',
      when: 'the exclusion group has an owner',
      change: (seed) => void seed.groups.find((g) => g.id === demo.exclusionGroup)!.owners.push(demo.adele),
    },
    {
      id: 'BG-CA-06',
      status: 'warn',
      when: 'the exclusion group has a member other than the accounts',
      change: (seed) => void seed.groups.find((g) => g.id === demo.exclusionGroup)!.members.push(demo.adele),
    },
    {
      id: 'BG-CA-06',
      status: 'indeterminate',
      when: 'the configured exclusion group does not exist',
      because: /Not found/,
      change: (_seed, inventory) => void (inventory.exclusionGroupId = '5b0e7d3a-9c4f-4e21-8a6d-2f9b1c7e4d38'),
    },
  ]);
});
