/**
 * The delegated Microsoft Graph permissions each thing a signed-in break-glass *account* does
 * needs, from each API's permission table, and what a token's `scp` leaves out.
 *
 * Why explicit scopes: a delegated sign-in asking only for `https://graph.microsoft.com/.default`
 * gets the permissions already consented for the client in the tenant and nothing more – "If
 * consent exists, the returned token contains all scopes granted for that resource for the
 * signed-in user"; it prompts only when no permission at all has been granted between the client
 * and the resource (or with prompt=consent), and then only for the permissions on the client's
 * own registration (Microsoft identity platform, "Scopes and permissions", section "The .default
 * scope": https://learn.microsoft.com/entra/identity-platform/scopes-oidc#the-default-scope;
 * MicrosoftDocs/entra-docs docs/identity-platform/scopes-oidc.md). Asking for the scopes by name
 * makes Entra show its consent prompt to an administrator who may grant them.
 *
 * A delegated call also needs the signed-in user's own directory role (a Global Administrator has
 * them all); this module is about the token's scopes only.
 */

/** What an account session can be asked to do, by flow. */
export const delegatedActionIds = [
  'confirm-access',
  'sign-in-log',
  'ca-report-only',
  'ca-add-exclusion',
  'role-assignment',
  'password-reset',
  'methods-review',
  'sessions-revoke',
  'app-credentials',
] as const;
export type DelegatedActionId = (typeof delegatedActionIds)[number];

export type DelegatedNeed = {
  readonly flow: 'incident' | 'rotation';
  /** What the custodian would try, in their words. */
  readonly title: string;
  /**
   * Every entry must be held; an entry is held by any one of its permissions. The first of
   * each entry is the one the sign-in asks for.
   */
  readonly allOf: ReadonlyArray<readonly [string, ...string[]]>;
  /** The Graph API pages whose permission tables these come from. */
  readonly sources: readonly string[];
};

/** Reading a Conditional Access policy: Policy.Read.All (conditionalaccesspolicy-get). */
const readPolicy = ['Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess'] as const;

export const delegatedNeeds: Readonly<Record<DelegatedActionId, DelegatedNeed>> = {
  'confirm-access': {
    flow: 'incident',
    title: 'Confirm who is signed in (GET /me)',
    allOf: [['User.Read', 'User.ReadWrite', 'User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All']],
    sources: ['https://learn.microsoft.com/graph/api/user-get'],
  },
  'sign-in-log': {
    flow: 'incident',
    title: 'Read the failed sign-in from the sign-in log, to name the policy that blocked it',
    // signin-list: "Delegated (work or school account): AuditLog.Read.All and Directory.Read.All"
    // (its known issue: consent to both is needed), and a role that may read sign-in reports. The
    // applied policies in a record need a Conditional Access read as well (Policy.Read.All, held for
    // the policy actions below; how-to-view-applied-conditional-access-policies).
    allOf: [['AuditLog.Read.All'], ['Directory.Read.All']],
    sources: ['https://learn.microsoft.com/graph/api/signin-list'],
  },
  'ca-report-only': {
    flow: 'incident',
    title: 'Switch a Conditional Access policy to report-only',
    // "Delegated: Policy.Read.All and Policy.ReadWrite.ConditionalAccess" – and Application.Read.All,
    // which Graph needs to resolve the applications a policy names.
    allOf: [
      [...readPolicy],
      ['Policy.ReadWrite.ConditionalAccess'],
      ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
    ],
    sources: [
      'https://learn.microsoft.com/graph/api/conditionalaccesspolicy-update',
      'https://learn.microsoft.com/graph/api/conditionalaccesspolicy-get',
    ],
  },
  'ca-add-exclusion': {
    flow: 'incident',
    title: 'Add the break-glass exclusion back to a policy',
    allOf: [
      [...readPolicy],
      ['Policy.ReadWrite.ConditionalAccess'],
      ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
      // The exclusion group is read by id first (group-get: GroupMember.Read.All … Directory.Read.All).
      ['Directory.Read.All', 'GroupMember.Read.All', 'Group.Read.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'],
    ],
    sources: ['https://learn.microsoft.com/graph/api/conditionalaccesspolicy-update', 'https://learn.microsoft.com/graph/api/group-get'],
  },
  'role-assignment': {
    flow: 'incident',
    title: 'Assign a directory role to a named administrator',
    allOf: [
      ['RoleManagement.ReadWrite.Directory'],
      ['Directory.Read.All', 'User.Read.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
    ],
    sources: [
      'https://learn.microsoft.com/graph/api/rbacapplication-post-roleassignments',
      'https://learn.microsoft.com/graph/api/user-get',
    ],
  },
  'password-reset': {
    flow: 'rotation',
    title: 'Set a new password on a break-glass account',
    // user-update, passwordProfile: "The Directory.AccessAsUser.All permission is required to update
    // this property" (microsoftgraph/microsoft-graph-docs-contrib api-reference/v1.0/api/user-update.md);
    // newer revisions of the page name User-PasswordProfile.ReadWrite.All as the least privileged one,
    // so either is accepted. The request asks for the one every revision names.
    allOf: [['Directory.AccessAsUser.All', 'User-PasswordProfile.ReadWrite.All']],
    sources: ['https://learn.microsoft.com/graph/api/user-update'],
  },
  'methods-review': {
    flow: 'rotation',
    title: 'Review and remove authentication methods',
    allOf: [['UserAuthenticationMethod.ReadWrite.All']],
    sources: [
      'https://learn.microsoft.com/graph/api/authentication-list-methods',
      'https://learn.microsoft.com/graph/api/fido2authenticationmethod-delete',
    ],
  },
  'sessions-revoke': {
    flow: 'rotation',
    title: 'Revoke the account’s sign-in sessions',
    // user-revokesigninsessions: "Delegated (work or school account): User.ReadWrite.All,
    // Directory.ReadWrite.All"; newer revisions add User.RevokeSessions.All as least privileged.
    allOf: [['User.ReadWrite.All', 'User.RevokeSessions.All', 'Directory.ReadWrite.All']],
    sources: ['https://learn.microsoft.com/graph/api/user-revokesigninsessions'],
  },
  'app-credentials': {
    flow: 'rotation',
    title: 'Replace the break-glass app’s certificate and remove its secrets',
    allOf: [['Application.ReadWrite.All', 'Directory.ReadWrite.All']],
    sources: [
      'https://learn.microsoft.com/graph/api/application-update',
      'https://learn.microsoft.com/graph/api/application-removepassword',
    ],
  },
};

/** The Graph permission names an account sign-in asks for: the first choice of every need. */
export function delegatedScopesToRequest(actions: readonly DelegatedActionId[] = delegatedActionIds): string[] {
  const wanted = new Set<string>();
  for (const action of actions) for (const [first] of delegatedNeeds[action].allOf) wanted.add(first);
  return [...wanted].sort();
}

export type UnavailableAction = {
  readonly action: DelegatedActionId;
  readonly title: string;
  /** For each need the token does not meet, the permission that would meet it. */
  readonly missing: readonly string[];
  /** Plain words: what will not work and why, before anything is tried. */
  readonly reason: string;
};

const lower = (values: Iterable<string>) => new Set([...values].map((v) => v.toLowerCase()));

/** Which of the needs of `action` the scopes leave unmet (empty when it will work). */
export function missingScopes(action: DelegatedActionId, scopes: Iterable<string>): string[] {
  const held = lower(scopes);
  return delegatedNeeds[action].allOf.filter((anyOf) => !anyOf.some((p) => held.has(p.toLowerCase()))).map(([first]) => first);
}

/** Every action the token's scopes cannot do, each with the reason in plain words. */
export function unavailableActions(scopes: Iterable<string>): UnavailableAction[] {
  const list = [...scopes];
  return delegatedActionIds.flatMap((action) => {
    const missing = missingScopes(action, list);
    if (missing.length === 0) return [];
    const need = delegatedNeeds[action];
    return [{ action, title: need.title, missing, reason: consentReason(need.title, missing) }];
  });
}

function consentReason(title: string, missing: readonly string[]): string {
  const names = missing.join(', ');
  return `${title} will not work: this sign-in's token lacks the delegated Microsoft Graph permission${missing.length > 1 ? 's' : ''} ${names}, so Graph would refuse it (403). Nobody has consented to ${missing.length > 1 ? 'them' : 'it'} for the sign-in client in this tenant. Sign in again and accept Microsoft's consent prompt (tick "Consent on behalf of your organization"), or have a Global Administrator grant ${names} to the client in Enterprise applications > Permissions – or use the break-glass app certificate.`;
}
