/**
 * The check catalogue end to end (docs/domain.md, "The catalogue"): PIM (BG-PIM) and the
 * break-glass app (BG-APP), each through the simulator on the demo tenant with one thing changed. The other
 * areas of the catalogue are in the other checks-through-simulator-*.test.ts files.
 */
import { describe } from 'node:test';

import type { Seed } from '../../src/sim/index.ts';
import {
  application,
  defineCheckCases,
  demo,
  fix,
  removeActiveRole,
  revokeGraphPermission,
  rolePolicy,
  roles,
  type Change,
} from '../helpers/check-pipeline.ts';
import { readerWithoutDirectoryRead, readerWithoutRoleRead } from '../helpers/check-changes.ts';

// ——— Changes shared by several cases (one simulator run each) ———

/** The inventory names an appId that is registered nowhere in the tenant. */
const unknownApp: Change = (_seed, inventory) => {
  inventory.app = { appId: 'c5d2e8f1-4a7b-4c39-9e6d-1f3a8b5c7e20' };
};
/** The application permissions the demo's break-glass app holds, all of which the runbook's actions use. */
const appPermissions = [
  'Directory.ReadWrite.All',
  'Policy.Read.All',
  'Policy.ReadWrite.ConditionalAccess',
  'Application.Read.All',
  'RoleManagement.ReadWrite.Directory',
  'User-PasswordProfile.ReadWrite.All',
  'User.RevokeSessions.All',
  'UserAuthenticationMethod.ReadWrite.All',
  'AuditLog.Read.All',
  'Directory.Read.All',
];
const appKeepsOnly =
  (...kept: string[]): Change =>
  (seed) =>
    appPermissions.filter((p) => !kept.includes(p)).forEach((p) => revokeGraphPermission(seed, demo.app.sp, p));
const appWithGlobalAdministratorOnly = appKeepsOnly();
const appWithConditionalAccessOnly = appKeepsOnly('Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess', 'Application.Read.All');

const appCertificate = (seed: Seed) => application(seed, demo.app.objectId).keyCredentials[0]!;
const approvalRule = (seed: Seed, roleId: string) => {
  const rule = rolePolicy(seed, roleId).rules.find((r) => r.id === 'Approval_EndUser_Assignment');
  if (rule?.['@odata.type'] !== '#microsoft.graph.unifiedRoleManagementPolicyApprovalRule') throw new Error('no approval rule');
  return rule;
};
const gaNeedsApproval: Change = (seed) => void (approvalRule(seed, roles.globalAdministrator).setting.isApprovalRequired = true);
/** The tenant trusts `certificate` (base64 DER) as a root CA for certificate-based authentication. */
const trustForCertificateAuth = (seed: Seed, certificate: string, issuer: string) => {
  seed.certificateBasedAuthConfiguration = [
    { id: '29728ade-6ae4-4ee9-9103-412912537da5', certificateAuthorities: [{ isRootAuthority: true, certificate, issuer }] },
  ];
};

const appRefused = /refused GET \/v1\.0\/(applications|servicePrincipals)\(appId=/;
const appNotFound = /Not found/;

describe('PIM: BG-PIM-01, BG-PIM-02', () => {
  defineCheckCases([
    { id: 'BG-PIM-01', status: 'pass', when: 'the Global Administrator policy allows permanent active assignment' },
    {
      id: 'BG-PIM-01',
      status: 'warn',
      when: 'the Global Administrator policy requires active assignments to expire',
      change: (seed) => {
        const rule = rolePolicy(seed, roles.globalAdministrator).rules.find((r) => r.id === 'Expiration_Admin_Assignment');
        if (rule?.['@odata.type'] !== '#microsoft.graph.unifiedRoleManagementPolicyExpirationRule') throw new Error('no expiration rule');
        rule.isExpirationRequired = true;
      },
    },
    {
      id: 'BG-PIM-01',
      status: 'indeterminate',
      when: 'the reader may not read role-management policies',
      because: /refused GET \/v1\.0\/policies\/roleManagementPolicyAssignments/,
      change: readerWithoutRoleRead,
    },

    { id: 'BG-PIM-02', status: 'pass', when: 'an eligible Global Administrator can activate without approval' },
    {
      id: 'BG-PIM-02',
      status: 'warn',
      when: 'every eligible Global and Privileged Role Administrator needs approval',
      change: gaNeedsApproval,
    },
    {
      id: 'BG-PIM-02',
      status: 'pass',
      when: 'approval is required but a named administrator holds Privileged Role Administrator actively',
      change: (seed, inventory) => {
        gaNeedsApproval(seed, inventory);
        const template = seed.roleAssignmentSchedules.find((s) => s.principalId === demo.bg1)!;
        seed.roleAssignmentSchedules.push({
          ...structuredClone(template),
          id: 'adele-pra-active',
          principalId: demo.adele,
          roleDefinitionId: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
        });
      },
    },
    {
      // BG-PIM-02 (docs/domain.md, "The catalogue"): every path other than break-glass is eligible-only with approval. pim.ts counts a temporary
      // activation of an eligible assignment as a standing active path – this case fails until that is fixed.
      id: 'BG-PIM-02',
      status: 'warn',
      when: 'approval is required and the only other active Global Administrator is an 8-hour activation',
      change: (seed, inventory) => {
        gaNeedsApproval(seed, inventory);
        const template = seed.roleAssignmentSchedules.find((s) => s.principalId === demo.bg1)!;
        const activation = {
          startDateTime: '2026-11-25T08:00:00Z',
          recurrence: null,
          expiration: { type: 'afterDuration' as const, endDateTime: null, duration: 'PT8H' },
        };
        seed.roleAssignmentSchedules.push({
          ...structuredClone(template),
          id: 'adele-ga-activated',
          principalId: demo.adele,
          assignmentType: 'Activated',
          scheduleInfo: activation,
        });
      },
    },
    {
      id: 'BG-PIM-02',
      status: 'indeterminate',
      when: 'the reader may not read role assignments',
      because: /refused GET \/v1\.0\/roleManagement\/directory\/roleAssignmentSchedules/,
      change: readerWithoutRoleRead,
    },
  ]);
});

describe('the break-glass app: BG-APP-01 … 06', () => {
  defineCheckCases([
    { id: 'BG-APP-01', status: 'pass', when: 'the registration and its enabled service principal exist' },
    {
      id: 'BG-APP-01',
      status: 'fail',
      when: 'its service principal is disabled',
      change: (seed) => void (seed.servicePrincipals.find((s) => s.id === demo.app.sp)!.accountEnabled = false),
    },
    {
      id: 'BG-APP-01',
      status: 'fail',
      when: "the inventory's objectId is another app's",
      because: /configured objectId/,
      change: (_seed, inventory) => void (inventory.app!.objectId = demo.reader.objectId),
    },
    {
      id: 'BG-APP-01',
      status: 'indeterminate',
      when: 'the configured appId is not registered in the tenant',
      because: appNotFound,
      change: unknownApp,
    },
    {
      id: 'BG-APP-01',
      status: 'indeterminate',
      when: 'the reader may not read applications',
      because: appRefused,
      change: readerWithoutDirectoryRead,
    },

    {
      id: 'BG-APP-02',
      status: 'pass',
      when: 'it holds every application permission the runbook needs, and Global Administrator for the password reset',
      because: /Can: Reset a break-glass account's password/,
    },
    {
      id: 'BG-APP-02',
      status: 'fail',
      when: 'it holds Global Administrator but no Graph application permission',
      because: /cannot repair Conditional Access[^]*application permissions granted: none/,
      change: appWithGlobalAdministratorOnly,
    },
    {
      id: 'BG-APP-02',
      status: 'fail',
      when: 'it lacks Policy.ReadWrite.ConditionalAccess (Directory.ReadWrite.All does not stand in)',
      because: /cannot repair Conditional Access/,
      change: (seed) => revokeGraphPermission(seed, demo.app.sp, 'Policy.ReadWrite.ConditionalAccess'),
    },
    {
      id: 'BG-APP-02',
      status: 'warn',
      when: 'it holds only the three Conditional Access permissions',
      because:
        /can repair Conditional Access, but cannot: add the break-glass exclusion back to a Conditional Access policy; assign a directory role to a named administrator; reset a break-glass account's password; revoke a break-glass account's sign-in sessions; remove a security key registered during the incident; read the failed sign-in/,
      change: appWithConditionalAccessOnly,
    },
    {
      id: 'BG-APP-02',
      status: 'warn',
      when: 'it holds no directory role (an administrator’s password reset needs one)',
      because: /cannot: reset a break-glass account's password$/m,
      change: (seed) => removeActiveRole(seed, demo.app.sp, roles.globalAdministrator),
    },
    {
      id: 'BG-APP-02',
      status: 'warn',
      when: 'its Global Administrator assignment is time-bound',
      because: /Directory roles of the service principal \(active, permanent\): none/,
      change: (seed) =>
        void (seed.roleAssignmentSchedules.find((s) => s.principalId === demo.app.sp)!.scheduleInfo.expiration = {
          type: 'afterDateTime',
          endDateTime: '2027-01-12T15:02:47Z',
          duration: null,
        }),
    },
    {
      id: 'BG-APP-02',
      status: 'indeterminate',
      when: 'the reader may not read service principals',
      because: appRefused,
      change: readerWithoutDirectoryRead,
    },

    { id: 'BG-APP-03', status: 'pass', when: 'its certificate is valid until 2031' },
    {
      id: 'BG-APP-03',
      status: 'warn',
      when: 'its only certificate expires within 30 days',
      change: (seed) => void (appCertificate(seed).endDateTime = '2026-12-10T00:00:00Z'),
    },
    {
      id: 'BG-APP-03',
      status: 'fail',
      when: 'its only certificate has expired',
      change: (seed) => void (appCertificate(seed).endDateTime = '2026-10-01T00:00:00Z'),
    },
    {
      id: 'BG-APP-03',
      status: 'indeterminate',
      when: 'the configured appId is not registered in the tenant',
      because: appNotFound,
      change: unknownApp,
    },

    { id: 'BG-APP-04', status: 'pass', when: 'the client secret is deleted', change: fix.appSecret },
    { id: 'BG-APP-04', status: 'fail', when: 'a client secret is left from the setup' },
    {
      id: 'BG-APP-04',
      status: 'indeterminate',
      when: 'the reader may not read applications',
      because: appRefused,
      change: readerWithoutDirectoryRead,
    },

    { id: 'BG-APP-05', status: 'pass', when: 'its self-signed certificate is on no other app and no CA is trusted for sign-in' },
    {
      id: 'BG-APP-05',
      status: 'warn',
      when: 'another app registration holds the same certificate',
      because: /also registered on "Contoso Expenses"/,
      change: (seed) =>
        void application(seed, demo.expensesApp).keyCredentials.push({
          ...appCertificate(seed),
          keyId: '4c7e1a9d-3b6f-4d82-9e5a-0f2c8b7d1e64',
        }),
    },
    {
      id: 'BG-APP-05',
      status: 'warn',
      when: 'its certificate is trusted as a CA for certificate-based authentication',
      because: /issued by a CA trusted for certificate-based auth/,
      change: (seed) => trustForCertificateAuth(seed, appCertificate(seed).key!, 'CN=Break-Glass Emergency Access App'),
    },
    {
      id: 'BG-APP-05',
      status: 'indeterminate',
      when: 'a CA is trusted for certificate-based authentication and Graph returns no certificate body',
      because: /issuer of the certificate .* is unknown/,
      change: (seed) => {
        trustForCertificateAuth(seed, application(seed, demo.reader.objectId).keyCredentials[0]!.key!, 'CN=Break-Glass Readiness Reader');
        delete appCertificate(seed).key;
      },
    },
    {
      id: 'BG-APP-05',
      status: 'indeterminate',
      when: 'the reader may not read applications',
      because: appRefused,
      change: readerWithoutDirectoryRead,
    },

    { id: 'BG-APP-06', status: 'pass', when: 'the registration has no owners' },
    {
      id: 'BG-APP-06',
      status: 'warn',
      when: 'a user owns the registration',
      change: (seed) => void application(seed, demo.app.objectId).owners.push(demo.adele),
    },
    {
      id: 'BG-APP-06',
      status: 'indeterminate',
      when: 'the reader may not read applications',
      because: appRefused,
      change: readerWithoutDirectoryRead,
    },
  ]);
});
