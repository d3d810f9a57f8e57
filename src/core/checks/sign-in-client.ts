/**
 * BG-CLI-01: the public client the break-glass accounts sign in through is ready – Microsoft Graph
 * Command Line Tools, or the tenant's own client when the inventory names one (`publicClientId`).
 *
 * What must hold, and Microsoft's words for what happens otherwise
 * (https://learn.microsoft.com/entra/identity-platform/reference-error-codes):
 * - its service principal is enabled (`accountEnabled`), else AADSTS7000112
 *   "UnauthorizedClientApplicationDisabled – The application is disabled";
 * - it does not require assignment (`appRoleAssignmentRequired`), or every break-glass account is
 *   assigned (directly or through a group), else AADSTS50105 "EntitlementGrantsNotFound";
 * - the delegated consent the runbook's flows need exists (oAuth2PermissionGrant,
 *   https://learn.microsoft.com/graph/api/resources/oauth2permissiongrant: an AllPrincipals grant,
 *   or a Principal grant for the account), or the account may grant it when it signs in –
 *   Global Administrator, Privileged Role Administrator, Cloud Application Administrator or
 *   Application Administrator (https://learn.microsoft.com/entra/identity/enterprise-apps/grant-admin-consent).
 *
 * Verdicts: fail when disabled, when assignment is required and an account is not assigned, when
 * consent is missing and an account could not grant it (AADSTS90094), and when a tenant-owned
 * client is not in the tenant at all (AADSTS700016); warn when consent is missing but the
 * account's sign-in can grant it (the consent prompt would come in the middle of an emergency).
 * Microsoft Graph Command Line Tools without a service principal is that warn: Microsoft's client
 * gets one in the tenant at its first consent. Fail closed: anything unreadable is indeterminate.
 */
import {
  applicationAdministratorRoleId,
  cloudApplicationAdministratorRoleId,
  findDirectoryRole,
  globalAdministratorRoleId,
  privilegedRoleAdministratorRoleId,
} from '../../shared/directory-roles.ts';
import { delegatedScopesToRequest } from '../graph/delegated-permissions.ts';
import { cannotRead } from './app.ts';
import type { CheckContext } from './context.ts';
import { result, type CheckResult, type CheckStatus, type CheckSubject } from './model.ts';
import type { AccountSnapshot, DelegatedGrant, SignInClientSnapshot } from './snapshot.ts';

/** Role template ids that may consent to delegated permissions for the organization (grant-admin-consent). */
const consentingRoles: Readonly<Record<string, string>> = Object.fromEntries(
  [globalAdministratorRoleId, privilegedRoleAdministratorRoleId, cloudApplicationAdministratorRoleId, applicationAdministratorRoleId].map(
    (id) => [id, findDirectoryRole(id)?.displayName ?? id],
  ),
);

const lower = (id: string | null | undefined) => (id ?? '').toLowerCase();
const order: CheckStatus[] = ['pass', 'warn', 'indeterminate', 'fail'];
const worst = (statuses: readonly CheckStatus[]) =>
  statuses.reduce<CheckStatus>((a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a), 'pass');

function subjectOf(client: SignInClientSnapshot): CheckSubject {
  const read = client.servicePrincipal.ok ? client.servicePrincipal.value?.displayName : undefined;
  return { kind: 'app', id: client.appId, name: read || (client.firstParty ? 'Microsoft Graph Command Line Tools' : client.appId) };
}

/** The consenting role an account holds actively, if any (from its directory-role memberships). */
function consentingRole(account: AccountSnapshot): string | undefined | null {
  if (!account.transitiveMemberOf.ok) return null;
  for (const object of account.transitiveMemberOf.value) {
    const role = consentingRoles[lower(object.roleTemplateId)];
    if (role) return role;
  }
  return undefined;
}

type Finding = { readonly status: CheckStatus; readonly evidence: string; readonly remediation?: string };

export function checkSignInClient(context: CheckContext): CheckResult[] {
  const { snapshot } = context;
  const client = snapshot.signInClient;
  if (!client)
    return [
      cannotRead(
        'BG-CLI-01',
        { kind: 'app', id: 'sign-in-client', name: 'Sign-in client' },
        'the sign-in client',
        'the snapshot holds no data about it',
      ),
    ];
  const subject = subjectOf(client);
  if (!client.servicePrincipal.ok)
    return [cannotRead('BG-CLI-01', subject, 'the sign-in client’s service principal', client.servicePrincipal.reason)];
  const principal = client.servicePrincipal.value;
  const accounts = snapshot.accounts;
  const needed = delegatedScopesToRequest();

  if (!principal) {
    if (!client.firstParty) {
      return [
        result(
          'BG-CLI-01',
          'fail',
          subject,
          'The configured sign-in app is not in the tenant',
          [`No service principal has appId ${client.appId} (the inventory's publicClientId): a sign-in through it ends in AADSTS700016.`],
          'Create the app registration and its service principal, or remove "publicClientId" from the inventory file to sign in through Microsoft Graph Command Line Tools.',
        ),
      ];
    }
    const findings = accounts.map((account) =>
      consentFinding(
        account,
        needed,
        [],
        'Microsoft Graph Command Line Tools has never been consented to in this tenant (it has no service principal yet)',
      ),
    );
    return [combine(subject, findings)];
  }

  const findings: Finding[] = [];
  if (principal.accountEnabled === false) {
    findings.push({
      status: 'fail',
      evidence: `accountEnabled is false: every sign-in through ${subject.name} ends in AADSTS7000112 ("The application is disabled").`,
      remediation: `Enterprise applications > ${subject.name} > Properties: set "Enabled for users to sign in?" to Yes, and find out in the audit log who turned it off.`,
    });
  } else if (principal.accountEnabled === true)
    findings.push({ status: 'pass', evidence: 'The service principal is enabled (accountEnabled true).' });
  // Graph returns accountEnabled only when selected: an answer without it says nothing either way.
  else
    findings.push({
      status: 'indeterminate',
      evidence: `Graph's answer for the service principal has no accountEnabled, so whether sign-ins through ${subject.name} are allowed is unknown.`,
    });

  if (principal.appRoleAssignmentRequired) {
    if (!client.assignedTo.ok)
      findings.push({
        status: 'indeterminate',
        evidence: `Assignment is required, and who is assigned could not be read: ${client.assignedTo.reason}`,
      });
    else {
      const assigned = new Set(client.assignedTo.value.map((a) => lower(a.principalId)));
      for (const account of accounts) {
        const id = lower(account.user.ok ? account.user.value.id : account.configured.id);
        const groups = account.transitiveMemberOf.ok ? account.transitiveMemberOf.value.map((o) => lower(o.id)) : undefined;
        const name = account.configured.userPrincipalName;
        if (id && assigned.has(id)) findings.push({ status: 'pass', evidence: `${name} is assigned to the sign-in app.` });
        else if (groups?.some((g) => assigned.has(g))) {
          // "Group-based assignment is supported only for security groups. Nested group memberships
          // aren't supported for group-based assignment to applications", and it needs Entra ID P1
          // or P2 (https://learn.microsoft.com/entra/identity/users/groups-saasapps). The snapshot
          // knows transitive memberships only, so a group assignment cannot be proven to let the
          // account in: a warning, with the direct assignment that cannot fail.
          findings.push({
            status: 'warn',
            evidence: `${name} is assigned to the sign-in app only through a group it is a member of; Entra honours a group assignment only for a security group the account is a direct member of (not through nested groups), with Entra ID P1 or P2 – otherwise its sign-in ends in AADSTS50105.`,
            remediation: `Enterprise applications > ${subject.name} > Users and groups: assign ${name} directly, so the emergency sign-in does not depend on group nesting or licences.`,
          });
        } else if (!groups || !id)
          findings.push({
            status: 'indeterminate',
            evidence: `Whether ${name} is assigned could not be told: its id or group memberships could not be read.`,
          });
        else
          findings.push({
            status: 'fail',
            evidence: `Assignment is required (appRoleAssignmentRequired true) and ${name} is not assigned: its sign-in ends in AADSTS50105.`,
            remediation: `Enterprise applications > ${subject.name} > Users and groups: assign both break-glass accounts (or set "Assignment required?" to No).`,
          });
      }
    }
  } else findings.push({ status: 'pass', evidence: 'Assignment is not required (appRoleAssignmentRequired false).' });

  if (!client.delegatedGrants.ok)
    findings.push({
      status: 'indeterminate',
      evidence: `The delegated permission grants could not be read: ${client.delegatedGrants.reason}`,
    });
  else if (!snapshot.graphAppRoles.ok)
    findings.push({
      status: 'indeterminate',
      evidence: `Microsoft Graph's service principal could not be read, so its grants cannot be told apart: ${snapshot.graphAppRoles.reason}`,
    });
  else {
    const graphId = lower(snapshot.graphAppRoles.value.servicePrincipalId);
    const grants = client.delegatedGrants.value.filter((g) => lower(g.clientId) === lower(principal.id) && lower(g.resourceId) === graphId);
    for (const account of accounts)
      findings.push(consentFinding(account, needed, grants, 'Consent for the scopes the runbook needs is missing'));
  }
  return [combine(subject, findings)];
}

function consentFinding(account: AccountSnapshot, needed: readonly string[], grants: readonly DelegatedGrant[], lead: string): Finding {
  const name = account.configured.userPrincipalName;
  const id = lower(account.user.ok ? account.user.value.id : account.configured.id);
  const granted = new Set(
    grants
      .filter((g) => g.consentType === 'AllPrincipals' || (id && lower(g.principalId) === id))
      .flatMap((g) => g.scope.split(' ').map((s) => s.toLowerCase())),
  );
  const missing = needed.filter((s) => !granted.has(s.toLowerCase()));
  if (missing.length === 0)
    return { status: 'pass', evidence: `${name}: every delegated permission the runbook needs is consented (${needed.join(', ')}).` };
  const role = consentingRole(account);
  const what = `${lead} for ${name}: ${missing.join(', ')}.`;
  const grantAhead =
    'Grant it now rather than in an emergency: sign in once with a break-glass account in a drill and accept the consent prompt with "Consent on behalf of your organization" ticked, or grant admin consent in Enterprise applications > the sign-in app > Permissions.';
  if (role === null)
    return {
      status: 'indeterminate',
      evidence: `${what} Whether the account may grant it could not be told: its roles could not be read.`,
    };
  if (role)
    return {
      status: 'warn',
      evidence: `${what} Its sign-in would show Microsoft's consent prompt, which it may accept as ${role}.`,
      remediation: grantAhead,
    };
  return {
    status: 'fail',
    evidence: `${what} The account holds no role that may consent, so its sign-in ends in AADSTS90094 (admin consent required).`,
    remediation: `An administrator must grant the consent before an emergency. ${grantAhead}`,
  };
}

function combine(subject: CheckSubject, findings: readonly Finding[]): CheckResult {
  const status = worst(findings.map((f) => f.status));
  const titles: Record<CheckStatus, string> = {
    pass: `${subject.name} is ready for a break-glass sign-in`,
    warn: `${subject.name} still needs consent, which a break-glass sign-in would have to grant`,
    fail: `A break-glass sign-in through ${subject.name} would be refused`,
    indeterminate: `Could not tell whether ${subject.name} is ready for a break-glass sign-in`,
  };
  const remediation = [...new Set(findings.filter((f) => f.status !== 'pass' && f.remediation).map((f) => f.remediation!))].join(' ');
  return result(
    'BG-CLI-01',
    status,
    subject,
    titles[status],
    findings.map((f) => f.evidence),
    remediation || 'Resolve the read problem named in the evidence, then run the checks again. Until then this check proves nothing.',
  );
}
