/**
 * The readiness pipeline on a hand-built simulated tenant, as `breakglass check --sim` runs it:
 * seed JSON validated, the simulator started, the reader app signed in with its certificate from
 * the seed, the snapshot collected over HTTPS from Graph and ARM, the catalogue run on it.
 *
 * Cases start from the demo tenant (assets/demo-tenant.*): `demoSeedJson()` and
 * `demoInventory()` return fresh deep copies to change, and the helpers below make the usual
 * changes in Graph's own shapes. `defineCheckCases` turns a table of cases into tests, running
 * each distinct change once.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { runChecks } from '../../src/core/checks/index.ts';
import { subjectLabel, type CheckId, type CheckResult, type CheckStatus } from '../../src/core/checks/model.ts';
import type { ReviewHistory } from '../../src/core/checks/snapshot.ts';
import { readInventoryFile } from '../../src/main/config/inventory-file.ts';
import { certificateCredentialFromPem } from '../../src/main/credentials/certificate-credential.ts';
import { endpointsForSimulator } from '../../src/main/entra/endpoints.ts';
import { signInWithCertificate } from '../../src/main/entra/sign-in.ts';
import { collectSnapshot } from '../../src/main/services/readiness/collect-snapshot.ts';
import { globalAdministratorRoleId, securityReaderRoleId } from '../../src/shared/directory-roles.ts';
import type { Inventory } from '../../src/shared/inventory.ts';
import { validateSeed, type Seed } from '../../src/sim/index.ts';
import { assertPlainInView } from './check-words.ts';
import { startTestSimulator } from './sim.ts';

const demoSeedText = readFileSync('assets/demo-tenant.seed.json', 'utf8');

/** Ids of the demo tenant (assets/demo-tenant.README.md). */
export const demo = {
  bg1: '4b6f0d2e-8c1a-4f3b-9e57-2a9d6c0e1f34',
  bg2: '9e2c7a15-3d4b-4e8f-a061-5c7b8d9e2f40',
  adele: '1c5e8a27-6f3d-4b91-8a2e-7d0c4f9b3e61',
  exclusionGroup: '0c9e7b52-3f1d-4a86-b2e9-6d4a8c1f7e30',
  app: {
    appId: '2f7b4d9c-6e1a-4c83-9b5f-0a8e3d6c2f17',
    objectId: '5c1e8b3a-9f4d-4a27-b6e0-2d9f7c3a1e85',
    sp: '8d3a6f2e-1c9b-4e74-a0d5-7b2e9f4c6a31',
  },
  reader: {
    appId: 'b4e9c2a7-5d1f-4b38-9e6a-3c7f0d2e8b59',
    objectId: '6e4b1d8f-3a7c-4f92-8c1e-5d0a9b3f7e64',
    sp: '1f8c5a3d-7e2b-4d96-b3a4-9c6e1f0d5b28',
  },
  expensesApp: 'd7a3e9c1-5f2b-4b86-9e4d-8c1a6f3b0e52',
  subscription: '4a9c2e71-83d5-4f0b-b6e2-9d1c7a35f840',
} as const;

export const roles = { globalAdministrator: globalAdministratorRoleId, securityReader: securityReaderRoleId } as const;

/** Inside the demo's validity: the last drill (2026-11-12) is 13 days before. */
export const demoNow = new Date('2026-11-25T12:00:00Z');
export const recentReview: ReviewHistory = { ok: true, value: { journal: 'test', lastReviewOrDrillAt: '2026-11-20T10:00:00Z' } };
export const daysBefore = (days: number, from = demoNow) => new Date(from.getTime() - days * 86_400_000).toISOString();

/** The demo seed as JSON (every collection present), a fresh copy to change. */
export function demoSeedJson(): Seed {
  return JSON.parse(demoSeedText) as Seed;
}

/** The demo inventory, a fresh copy to change. */
export function demoInventory(): Inventory {
  return structuredClone(readInventoryFile('assets/demo-tenant.config.json'));
}

/** Validates the seed, starts the simulator, signs in as the reader, collects and checks. */
export async function runThroughSimulator(options: {
  seed: unknown;
  inventory: Inventory;
  reviews?: ReviewHistory;
  now?: Date;
}): Promise<CheckResult[]> {
  const seed = validateSeed(options.seed, 'test seed');
  const sim = await startTestSimulator(seed);
  const readerAppId = options.inventory.reader?.appId ?? demo.reader.appId;
  const credential = seed.simulator.credentials.find((c) => c.appId === readerAppId);
  if (!credential) throw new Error(`the seed has no credential for the reader ${readerAppId}`);
  const session = await signInWithCertificate({
    endpoints: endpointsForSimulator(sim),
    appId: readerAppId,
    certificate: certificateCredentialFromPem({ ...credential, label: 'reader' }),
  });
  const now = options.now ?? demoNow;
  const { snapshot } = await collectSnapshot({
    inventory: options.inventory,
    session,
    reviews: options.reviews ?? recentReview,
    now: () => now,
  });
  const results = runChecks({ snapshot, now, certificateWarningDays: 30 });
  assertPlainInView(results);
  return results;
}

// ——— Changes to the seed, in Graph's shapes ———

const lower = (id: string) => id.toLowerCase();

export function user(seed: Seed, id: string) {
  const found = seed.users.find((u) => lower(u.id) === lower(id));
  if (!found) throw new Error(`no user ${id} in the seed`);
  return found;
}

/** A Conditional Access policy by the start of its display name ("CA210"). */
export function policy(seed: Seed, prefix: string) {
  const found = seed.conditionalAccessPolicies.find((p) => p.displayName.startsWith(prefix));
  if (!found) throw new Error(`no policy ${prefix} in the seed`);
  return found;
}

export function application(seed: Seed, objectId: string) {
  const found = seed.applications.find((a) => lower(a.id) === lower(objectId));
  if (!found) throw new Error(`no application ${objectId} in the seed`);
  return found;
}

/** The role-management policy assigned to a directory role. */
export function rolePolicy(seed: Seed, roleId: string) {
  const assignment = seed.roleManagementPolicyAssignments.find((a) => lower(a.roleDefinitionId) === lower(roleId));
  const found = seed.roleManagementPolicies.find((p) => p.id === assignment?.policyId);
  if (!found) throw new Error(`no role-management policy for role ${roleId}`);
  return found;
}

/** Takes back a Microsoft Graph application permission (by its value) from a service principal. */
export function revokeGraphPermission(seed: Seed, principalId: string, permission: string): void {
  const graph = seed.servicePrincipals.find((s) => s.appId === '00000003-0000-0000-c000-000000000000');
  const role = graph?.appRoles.find((r) => r.value === permission);
  if (!graph || !role) throw new Error(`Microsoft Graph has no app role ${permission} in the seed`);
  const before = seed.appRoleAssignments.length;
  seed.appRoleAssignments = seed.appRoleAssignments.filter(
    (a) =>
      !(lower(a.principalId) === lower(principalId) && lower(a.resourceId) === lower(graph.id) && lower(a.appRoleId) === lower(role.id)),
  );
  if (seed.appRoleAssignments.length === before) throw new Error(`${principalId} holds no ${permission} to take back`);
}

/** Removes a principal's active directory-role assignments of one role. */
export function removeActiveRole(seed: Seed, principalId: string, roleId: string): void {
  const before = seed.roleAssignmentSchedules.length;
  seed.roleAssignmentSchedules = seed.roleAssignmentSchedules.filter(
    (s) => !(lower(s.principalId) === lower(principalId) && lower(s.roleDefinitionId) === lower(roleId)),
  );
  if (seed.roleAssignmentSchedules.length === before) throw new Error(`${principalId} holds no active role ${roleId} to remove`);
}

/**
 * The reader without a Graph permission at all: the application permission and the Entra role
 * Security Reader, which also grants Policy.Read.All, AuditLog.Read.All, Directory.Read.All and
 * RoleManagement.Read.Directory (and reading the Entra diagnostic settings).
 */
export function readerWithout(seed: Seed, ...permissions: string[]): void {
  for (const permission of permissions) revokeGraphPermission(seed, demo.reader.sp, permission);
  removeActiveRole(seed, demo.reader.sp, roles.securityReader);
}

// ——— The demo's planted problems (assets/demo-tenant.README.md), each fixed ———

export const fix = {
  /** #1: CA210 excludes the exclusion group instead of breakglass1 alone. */
  ca210: (seed: Seed) => {
    const users = policy(seed, 'CA210').conditions.users!;
    users.excludeUsers = [];
    users.excludeGroups = [demo.exclusionGroup];
  },
  /** #2: the report-only pilot CA106 excludes the exclusion group. */
  ca106: (seed: Seed) => {
    policy(seed, 'CA106').conditions.users!.excludeGroups = [demo.exclusionGroup];
  },
  /** #3: CA001 no longer names the deleted group. */
  ca001: (seed: Seed) => {
    policy(seed, 'CA001').conditions.users!.excludeGroups = [demo.exclusionGroup];
  },
  /** #4: breakglass2 gets a second key, Safe key B2. */
  bg2SecondKey: (seed: Seed) => {
    const methodId = 'U2FmZV9LZXlfQjJfYnJlYWtnbGFzczI-Tn5w';
    user(seed, demo.bg2).authenticationMethods!.unshift({
      '@odata.type': '#microsoft.graph.fido2AuthenticationMethod',
      id: methodId,
      displayName: 'Safe key B2',
      createdDateTime: '2026-11-21T09:00:00Z',
      aaGuid: 'ee882879-721c-4913-9775-3dfcce97072a',
      model: 'YubiKey 5C NFC',
      attestationCertificates: ['0b7d2e91c4a35f68e1d9c2b7a4f03e5d6c8b1a29'],
      attestationLevel: 'attested',
    });
    seed.simulator.securityKeys.push({ userId: demo.bg2, fido2MethodId: methodId, pin: '135790' });
  },
  /** #5: the break-glass app's client secret is deleted. */
  appSecret: (seed: Seed) => {
    application(seed, demo.app.objectId).passwordCredentials = [];
  },
  /** #6: the action group texts the on-call phone and mails a mailbox outside the tenant. */
  actionGroup: (seed: Seed) => {
    const group = seed.azure.actionGroups[0]!;
    group.properties.emailReceivers = [
      { name: 'SOC partner', emailAddress: 'soc@partner-soc.example', useCommonAlertSchema: true, status: 'Enabled' },
    ];
    group.properties.smsReceivers = [{ name: 'On-call phone', countryCode: '49', phoneNumber: '1701234567', status: 'Enabled' }];
  },
  /** #7: the account rule's query names breakglass2 too. */
  accountRule: (seed: Seed) => {
    const criterion = seed.azure.scheduledQueryRules.find((r) => r.name === 'sev0-breakglass-account-signin')!.properties.criteria
      .allOf![0]!;
    criterion.query = criterion.query!.replace(`"${demo.bg1}"`, `"${demo.bg1}", "${demo.bg2}"`);
  },
} satisfies Record<string, (seed: Seed) => void>;

export const fixAll: Change = (seed) => Object.values(fix).forEach((apply) => apply(seed));

// ——— The table of cases ———

export type Change = (seed: Seed, inventory: Inventory) => void;

export type CheckCase = {
  readonly id: CheckId;
  readonly status: CheckStatus;
  /** Names the situation: "BG-USR-04 fails when …". */
  readonly when: string;
  /** Which results of the id are meant (subject name or id); all of them when left out. */
  readonly subject?: RegExp;
  /** What each of those results must say (title or evidence): the reason for the verdict. */
  readonly because?: RegExp;
  /** Left out: the demo tenant as it is. Cases that share a change function share one run. */
  readonly change?: Change;
  readonly reviews?: ReviewHistory;
};

const verb: Record<CheckStatus, string> = { pass: 'passes', warn: 'warns', fail: 'fails', indeterminate: 'is indeterminate' };
const unchanged: Change = () => {};
const runs = new Map<Change, Map<ReviewHistory, Promise<CheckResult[]>>>();

/** Runs (once per change and review history) the demo tenant with the change applied. */
export function resultsOf(change: Change = unchanged, reviews: ReviewHistory = recentReview): Promise<CheckResult[]> {
  const byReviews = runs.get(change) ?? new Map<ReviewHistory, Promise<CheckResult[]>>();
  runs.set(change, byReviews);
  let results = byReviews.get(reviews);
  if (!results) {
    const seed = demoSeedJson();
    const inventory = demoInventory();
    change(seed, inventory);
    results = runThroughSimulator({ seed, inventory, reviews });
    byReviews.set(reviews, results);
  }
  return results;
}

export const describeResult = (r: CheckResult) => `${r.id} ${r.status} ${subjectLabel(r.subject)}: ${r.title}`;
const withEvidence = (r: CheckResult) => [describeResult(r), ...r.evidence.map((e) => `    ${e}`)].join('\n');

/**
 * One test per case: the id has at least one result for the subject, and every such result has
 * the expected status (and gives the expected reason).
 */
export function defineCheckCases(cases: readonly CheckCase[]): void {
  for (const c of cases) {
    test(`${c.id} ${verb[c.status]} when ${c.when}`, async () => {
      const results = await resultsOf(c.change, c.reviews);
      const ofId = results.filter((r) => r.id === c.id);
      const rows = ofId.filter((r) => !c.subject || c.subject.test(subjectLabel(r.subject)) || c.subject.test(r.subject.id));
      const shown = ofId.map(withEvidence).join('\n  ') || '(none)';
      const expected = `${c.id} ${c.status}${c.subject ? ` for ${c.subject}` : ''}${c.because ? ` because ${c.because}` : ''}`;
      assert.ok(rows.length > 0, `no ${c.id} result for ${c.subject ?? 'any subject'}; its results:\n  ${shown}`);
      assert.ok(
        rows.every((r) => r.status === c.status && (!c.because || c.because.test([r.title, ...r.evidence].join('\n')))),
        `expected ${expected}; its results:\n  ${shown}`,
      );
    });
  }
}
