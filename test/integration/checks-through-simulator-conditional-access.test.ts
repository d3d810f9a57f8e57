/**
 * The check catalogue end to end (docs/domain.md, "The catalogue"): hand-built tenants – the
 * demo tenant with one thing changed – served by the simulator, read by the reader app over
 * HTTPS through Graph and ARM, and checked. Every id has a passing and a failing (or warning)
 * case and, where the data can be unreadable, an indeterminate one. This file: Conditional Access
 * (BG-CA). The other checks-through-simulator-*.test.ts files hold the other
 * areas of the catalogue.
 */
import { describe } from 'node:test';

import { defineCheckCases, demo, fix, policy, roles } from '../helpers/check-pipeline.ts';
import { ghost, readerWithoutDirectoryRead, readerWithoutPolicyRead, unknownAccount } from '../helpers/check-changes.ts';

const policiesRefused = /refused GET \/v1\.0\/identity\/conditionalAccess\/policies/;

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
