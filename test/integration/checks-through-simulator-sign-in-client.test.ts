/**
 * BG-CLI-01 end to end (issue 12, item 11): the demo tenant with one thing changed, served by the
 * simulator, read by the reader app over HTTPS (the sign-in client's service principal in the
 * first `$batch`, its oauth2PermissionGrants and appRoleAssignedTo in the second), and checked.
 * The demo's accounts sign in through the tenant's own public client (the inventory's
 * publicClientId); without it, through Microsoft Graph Command Line Tools.
 */
import { describe } from 'node:test';

import type { Seed } from '../../src/sim/index.ts';
import { defineCheckCases, demo, readerWithout, removeActiveRole, roles, type Change } from '../helpers/check-pipeline.ts';

/** The demo's custodian client (assets/demo-tenant.config.json, publicClientId). */
const custodian = { appId: '7c2e5a9f-1d6b-4e48-8f3a-6b9d4c1e0a75', sp: '9f5d2b7e-4c1a-4e69-b8d3-2a6f0c9e5b14' };
const graphSp = (seed: Seed) => seed.servicePrincipals.find((s) => s.appId === '00000003-0000-0000-c000-000000000000')!.id;
const clientPrincipal = (seed: Seed) => seed.servicePrincipals.find((s) => s.id === custodian.sp)!;

const disabled: Change = (seed) => void (clientPrincipal(seed).accountEnabled = false);
const assignmentRequired: Change = (seed) => void (clientPrincipal(seed).appRoleAssignmentRequired = true);
/** Assignment required, and both accounts assigned with the default access role (approleassignment: 00000000-…). */
const bothAssigned: Change = (seed, _inventory) => {
  assignmentRequired(seed, _inventory);
  for (const [n, principalId] of [demo.bg1, demo.bg2].entries()) {
    seed.appRoleAssignments.push({
      id: `custodian-assignment-${n}`,
      appRoleId: '00000000-0000-0000-0000-000000000000',
      principalId,
      principalType: 'User',
      resourceId: custodian.sp,
    });
  }
};
const consentWithdrawn: Change = (seed) => {
  seed.oauth2PermissionGrants = seed.oauth2PermissionGrants.filter((g) => !(g.clientId === custodian.sp && g.resourceId === graphSp(seed)));
};
/** Consent withdrawn, and breakglass2 no longer Global Administrator: its sign-in could not grant it. */
const consentWithdrawnAndNoAdmin: Change = (seed, _inventory) => {
  consentWithdrawn(seed, _inventory);
  removeActiveRole(seed, demo.bg2, roles.globalAdministrator);
};
/** No publicClientId: the accounts would sign in through Microsoft Graph Command Line Tools, never used in this tenant. */
const throughGraphCommandLineTools: Change = (_seed, inventory) => {
  delete inventory.publicClientId;
};
const readerWithoutDirectoryRead: Change = (seed) => readerWithout(seed, 'Directory.Read.All', 'Application.Read.All');

describe('the sign-in client: BG-CLI-01', () => {
  defineCheckCases([
    {
      id: 'BG-CLI-01',
      status: 'pass',
      when: 'the custodian client is enabled, needs no assignment and holds tenant-wide consent for every scope the runbook needs',
    },
    { id: 'BG-CLI-01', status: 'fail', when: 'its service principal is disabled', because: /AADSTS7000112/, change: disabled },
    {
      id: 'BG-CLI-01',
      status: 'fail',
      when: 'it requires assignment and neither account is assigned',
      because: /AADSTS50105/,
      change: assignmentRequired,
    },
    { id: 'BG-CLI-01', status: 'pass', when: 'it requires assignment and both accounts are assigned', change: bothAssigned },
    {
      id: 'BG-CLI-01',
      status: 'warn',
      when: 'the consent is withdrawn, but the accounts are Global Administrators who can grant it at sign-in',
      because: /Policy\.ReadWrite\.ConditionalAccess/,
      change: consentWithdrawn,
    },
    {
      id: 'BG-CLI-01',
      status: 'fail',
      when: 'the consent is withdrawn and breakglass2 may not grant it',
      because: /AADSTS90094/,
      change: consentWithdrawnAndNoAdmin,
    },
    {
      id: 'BG-CLI-01',
      status: 'warn',
      when: 'the accounts sign in through Microsoft Graph Command Line Tools, which has no service principal in the tenant yet',
      subject: /Microsoft Graph Command Line Tools/,
      because: /no service principal yet/,
      change: throughGraphCommandLineTools,
    },
    {
      id: 'BG-CLI-01',
      status: 'indeterminate',
      when: 'the reader may not read service principals',
      because: /refused GET \/v1\.0\/servicePrincipals\(appId=/,
      change: readerWithoutDirectoryRead,
    },
  ]);
});
