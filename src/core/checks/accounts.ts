/**
 * BG-INV-01 and BG-USR-01 … BG-USR-08 (docs/domain.md, "The catalogue"): are the break-glass
 * user accounts there, and is each one the account Microsoft describes – cloud-only, on the
 * initial domain, permanent active Global Administrator, signed in with FIDO2 or a certificate
 * and nothing phishable, allowed to use that method, and exercised recently
 * (docs/microsoft-behaviour.md, "Emergency access accounts"; docs/domain.md, "What other tools check").
 */
import { globalAdministratorRoleId } from '../../shared/directory-roles.ts';
import type { CheckContext } from './context.ts';
import { result, type CheckId, type CheckResult, type CheckSubject } from './model.ts';
import { roleName, sameId, scheduleStanding, tenantSubject } from './pim.ts';
import type { AccountSnapshot, AuthenticationMethod, AuthenticationMethodConfiguration, DirectoryObjectRef, UserFacts } from './snapshot.ts';

const userCheckIds: readonly CheckId[] = ['BG-USR-01', 'BG-USR-02', 'BG-USR-03', 'BG-USR-04', 'BG-USR-05', 'BG-USR-06', 'BG-USR-07', 'BG-USR-08'];
const ga = roleName(globalAdministratorRoleId);
const dayMs = 24 * 60 * 60 * 1000;

export function accountSubject(account: AccountSnapshot): CheckSubject {
  return account.user.ok
    ? { kind: 'account', id: account.user.value.id, name: account.user.value.userPrincipalName }
    : { kind: 'account', id: account.configured.userPrincipalName, name: account.configured.userPrincipalName };
}

const userPage = (upn: string) => `Microsoft Entra admin center > Users > All users > ${upn}`;

const resolveAccountHint =
  'Check the account’s userPrincipalName and id in breakglass.config.json against the Entra admin center (Users), and give the reader User.Read.All (or Directory.Read.All).';

/** The groups among `transitiveMemberOf` (directory roles and administrative units left out). */
function groupsOf(memberOf: readonly DirectoryObjectRef[]): Map<string, string> {
  const notGroups = ['#microsoft.graph.directoryrole', '#microsoft.graph.administrativeunit'];
  return new Map(memberOf.filter((o) => !notGroups.includes((o['@odata.type'] ?? '').toLowerCase())).map((o) => [o.id.toLowerCase(), o.displayName ?? o.id]));
}

// ——— BG-INV-01 ———

function checkInventory(context: CheckContext): CheckResult {
  const { snapshot } = context;
  const subject = tenantSubject(snapshot);
  const seen: Array<{ id?: string; upn: string }> = [];
  const evidence: string[] = [];
  const unresolved: string[] = [];
  for (const account of snapshot.accounts) {
    const upn = account.configured.userPrincipalName;
    const id = account.user.ok ? account.user.value.id : account.configured.id;
    if (seen.some((s) => sameId(s.upn, upn) || sameId(s.id, id))) {
      evidence.push(`${upn} is listed more than once (it names the same account as another entry).`);
      continue;
    }
    seen.push({ ...(id ? { id } : {}), upn });
    if (!account.user.ok) {
      unresolved.push(upn);
      evidence.push(`${upn}: not resolved – ${account.user.reason}`);
    } else if (account.configured.id && !sameId(account.configured.id, account.user.value.id)) {
      unresolved.push(upn);
      evidence.push(`${upn}: the inventory names object ${account.configured.id}, but the directory returned ${account.user.value.id}.`);
    } else {
      const renamed = sameId(account.user.value.userPrincipalName, upn) ? '' : ` (the directory now calls it ${account.user.value.userPrincipalName}; update the inventory)`;
      evidence.push(`${upn}: resolved to object ${account.user.value.id}${renamed}.`);
    }
  }
  if (seen.length < 2) {
    return result(
      'BG-INV-01',
      'fail',
      subject,
      `Only ${seen.length} break-glass account${seen.length === 1 ? ' is' : 's are'} configured; Microsoft asks for at least two`,
      evidence.length > 0 ? evidence : ['The inventory file lists no break-glass accounts.'],
      'Create another cloud-only account on the tenant’s initial *.onmicrosoft.com domain, give it a permanent active Global Administrator assignment and two FIDO2 security keys, and add it to "accounts" in breakglass.config.json.',
    );
  }
  if (unresolved.length > 0) {
    return result(
      'BG-INV-01',
      'indeterminate',
      subject,
      `${unresolved.length} of ${seen.length} configured break-glass accounts could not be resolved: ${unresolved.join(', ')}`,
      evidence,
      resolveAccountHint,
    );
  }
  return result('BG-INV-01', 'pass', subject, `${seen.length} break-glass accounts are configured and resolve in the tenant`, evidence);
}

// ——— BG-USR-01 … 03: the user object ———

function checkUserObject(subject: CheckSubject, user: UserFacts): CheckResult {
  const upn = user.userPrincipalName;
  if (typeof user.accountEnabled !== 'boolean' || !user.userType) {
    return result(
      'BG-USR-01',
      'indeterminate',
      subject,
      `Whether ${upn} is an enabled member account is unknown`,
      [`accountEnabled = ${user.accountEnabled ?? 'not returned'}, userType = ${user.userType ?? 'not returned'}.`],
      'The reader must select accountEnabled and userType (User.Read.All); check them in the Entra admin center meanwhile.',
    );
  }
  const evidence = [`accountEnabled = ${user.accountEnabled}, userType = ${user.userType}.`];
  const disabled = !user.accountEnabled;
  const notMember = user.userType.toLowerCase() !== 'member';
  if (!disabled && !notMember) return result('BG-USR-01', 'pass', subject, `${upn} exists, is enabled and is a member of the tenant`, evidence);
  const what = [...(disabled ? ['is disabled'] : []), ...(notMember ? [`is a ${user.userType}, not a Member`] : [])].join(' and ');
  const fix = [
    ...(disabled
      ? [
          `Enable it in ${userPage(upn)} > Edit properties > Settings ("Account enabled"), after finding out in the audit log who disabled it and why (an inactivity clean-up must exclude break-glass accounts).`,
        ]
      : []),
    ...(notMember
      ? ['A break-glass account must be a member of this tenant: create a cloud-only member account on the initial *.onmicrosoft.com domain and put it in the inventory instead.']
      : []),
  ];
  return result('BG-USR-01', 'fail', subject, `${upn} ${what}`, evidence, fix.join(' '));
}

function checkCloudOnly(subject: CheckSubject, user: UserFacts): CheckResult {
  const upn = user.userPrincipalName;
  const evidence = [`onPremisesSyncEnabled = ${user.onPremisesSyncEnabled ?? 'null (never synced)'}.`];
  if (user.onPremisesSyncEnabled === true) {
    return result(
      'BG-USR-02',
      'fail',
      subject,
      `${upn} is synchronised from on-premises Active Directory, not cloud-only`,
      evidence,
      'A synced account fails with on-premises AD or Entra Connect – exactly what an emergency may have taken away. Create a cloud-only account on the initial *.onmicrosoft.com domain, make it break-glass, and remove this one from the inventory.',
    );
  }
  return result('BG-USR-02', 'pass', subject, `${upn} is cloud-only`, evidence);
}

function checkInitialDomain(context: CheckContext, subject: CheckSubject, user: UserFacts): CheckResult {
  const upn = user.userPrincipalName;
  const { domains } = context.snapshot;
  if (!domains.ok) {
    return result(
      'BG-USR-03',
      'indeterminate',
      subject,
      `Whether ${upn} is on the tenant’s initial domain is unknown: domains could not be read`,
      [`Domains: ${domains.reason}`],
      'Give the reader Domain.Read.All (or Directory.Read.All), then run the checks again.',
    );
  }
  // The initial domain is *.onmicrosoft.com in the global cloud, but not in every cloud
  // (e.g. *.onmicrosoft.us), so the rule is "equals the isInitial domain", not a suffix.
  const initial = domains.value.find((d) => d.isInitial === true);
  if (!initial) {
    return result(
      'BG-USR-03',
      'indeterminate',
      subject,
      `Whether ${upn} is on the tenant’s initial domain is unknown: no domain is marked initial`,
      [`Domains read: ${domains.value.map((d) => d.id).join(', ') || 'none'}; none has isInitial = true.`],
      'Check the domain list in Microsoft Entra admin center > Domain names and the reader’s Domain.Read.All permission.',
    );
  }
  const domain = upn.slice(upn.lastIndexOf('@') + 1);
  const evidence = [`UPN domain ${domain}; the tenant’s initial domain is ${initial.id}.`];
  if (domain.toLowerCase() === initial.id.toLowerCase()) return result('BG-USR-03', 'pass', subject, `${upn} is on the initial domain ${initial.id}`, evidence);
  return result(
    'BG-USR-03',
    'fail',
    subject,
    `${upn} is not on the tenant’s initial domain ${initial.id}`,
    evidence,
    `A custom domain depends on DNS and, if federated, on the identity provider. Change the user principal name to ${upn.slice(0, upn.lastIndexOf('@'))}@${initial.id} in ${userPage(upn)} > Edit properties, then update breakglass.config.json and any alert rule that names the UPN.`,
  );
}

// ——— BG-USR-04: permanent active Global Administrator ———

function checkGlobalAdministrator(context: CheckContext, subject: CheckSubject, user: UserFacts, account: AccountSnapshot): CheckResult {
  const { snapshot, now } = context;
  const upn = user.userPrincipalName;
  const assignments = snapshot.roleAssignmentSchedules;
  if (!assignments.ok) {
    return result(
      'BG-USR-04',
      'indeterminate',
      subject,
      `Whether ${upn} holds ${ga} permanently is unknown: role assignments could not be read`,
      [`Active role assignments: ${assignments.reason}`],
      'Give the reader RoleAssignmentSchedule.Read.Directory (or RoleManagement.Read.Directory), or check Microsoft Entra admin center > Roles & admins > Global Administrator meanwhile.',
    );
  }
  const groups = account.transitiveMemberOf.ok ? groupsOf(account.transitiveMemberOf.value) : undefined;
  const isUser = (principalId: string) => sameId(principalId, user.id);
  const isGroup = (principalId: string) => groups?.has(principalId.toLowerCase()) ?? false;
  const gaActive = assignments.value.filter((s) => sameId(s.roleDefinitionId, globalAdministratorRoleId)).map((s) => ({ s, standing: scheduleStanding(s, 'assignment', now) }));
  const viaGroupWords = (principalId: string) => (isGroup(principalId) ? ` (group ${groups?.get(principalId.toLowerCase())})` : '');
  const mine = gaActive.filter((a) => isUser(a.s.principalId) || isGroup(a.s.principalId));
  const direct = mine.filter((a) => isUser(a.s.principalId) && a.s.memberType?.toLowerCase() !== 'group');
  const evidence = mine.map((a) => `${a.standing.description}${viaGroupWords(a.s.principalId)}.`);
  const eligibility = snapshot.roleEligibilitySchedules;
  const eligible = eligibility.ok
    ? eligibility.value
        .filter((s) => sameId(s.roleDefinitionId, globalAdministratorRoleId) && (isUser(s.principalId) || isGroup(s.principalId)))
        .map((s) => scheduleStanding(s, 'eligibility', now))
        .filter((e) => e.inEffect)
    : [];
  evidence.push(...eligible.map((e) => `${e.description}.`));
  if (!eligibility.ok) evidence.push(`Eligible assignments could not be read: ${eligibility.reason}`);
  if (!account.transitiveMemberOf.ok) evidence.push(`Group memberships could not be read: ${account.transitiveMemberOf.reason}`);

  const makePermanent = `In Microsoft Entra admin center > ID Governance > Privileged Identity Management > Microsoft Entra roles > Roles > ${ga} > Add assignments, assign ${upn} directly with assignment type "Active" and "Permanently assigned" ticked (if that option is missing, see BG-PIM-01); then remove its eligible or time-bound assignment.`;
  if (direct.some((a) => a.standing.permanentActive)) return result('BG-USR-04', 'pass', subject, `${upn} holds ${ga} as a permanent active assignment`, evidence);
  const viaGroup = mine.filter((a) => a.standing.permanentActive && !direct.includes(a));
  if (viaGroup.length > 0) {
    return result(
      'BG-USR-04',
      'warn',
      subject,
      `${upn} holds ${ga} permanently only through a group`,
      evidence,
      `A group path breaks when the group’s membership changes and is harder to audit. ${makePermanent}`,
    );
  }
  if (!groups && gaActive.some((a) => a.standing.permanentActive && !isUser(a.s.principalId))) {
    return result(
      'BG-USR-04',
      'indeterminate',
      subject,
      `Whether ${upn} holds ${ga} through a group is unknown: its group memberships could not be read`,
      evidence,
      'Give the reader GroupMember.Read.All (or Directory.Read.All), then run the checks again.',
    );
  }
  if (mine.length === 0 && eligible.length === 0) evidence.unshift(`No active or eligible ${ga} assignment for ${upn} (${user.id}) or its groups.`);
  const title = mine.some((a) => a.standing.activation && a.standing.inEffect)
    ? `${upn} holds ${ga} only through a temporary activation of an eligible assignment`
    : mine.some((a) => a.standing.inEffect)
      ? `${upn} holds ${ga} only as a time-bound assignment`
      : mine.length > 0
        ? `${upn} has a ${ga} assignment that is not in effect`
        : eligible.length > 0
          ? `${upn} holds ${ga} only as an eligible assignment`
          : `${upn} does not hold ${ga}`;
  return result('BG-USR-04', 'fail', subject, title, evidence, `A break-glass account must not depend on PIM activation, approval or an end date. ${makePermanent}`);
}

// ——— BG-USR-05 / 06: registered methods ———

const methodLabels: Record<string, string> = {
  fido2authenticationmethod: 'FIDO2 security key',
  x509certificateauthenticationmethod: 'certificate (x509)',
  phoneauthenticationmethod: 'phone (SMS or voice)',
  microsoftauthenticatorauthenticationmethod: 'Microsoft Authenticator',
  softwareoathauthenticationmethod: 'software OATH token',
  emailauthenticationmethod: 'email',
  temporaryaccesspassauthenticationmethod: 'Temporary Access Pass',
  passwordauthenticationmethod: 'password',
  windowshelloforbusinessauthenticationmethod: 'Windows Hello for Business',
};
const methodType = (m: AuthenticationMethod) => m['@odata.type'].replace(/^#?microsoft\.graph\./i, '').toLowerCase();
const describeMethod = (m: AuthenticationMethod) => {
  const type = methodType(m);
  const details = [m.displayName ? `"${m.displayName}"` : '', m.model ?? ''].filter(Boolean).join(', ');
  return `${methodLabels[type] ?? m['@odata.type']}${details ? ` ${details}` : ''} (id ${m.id})`;
};

/**
 * Phishable or tied to a person's device or mailbox (BG-USR-06, docs/domain.md, "The catalogue"). Not listed, on
 * purpose: the password (Graph returns a passwordAuthenticationMethod for every password-capable
 * user, and Microsoft only asks that FIDO2 or CBA be *registered*), FIDO2, x509
 * and Windows Hello for Business (phishing-resistant). Zero Trust Assessment 21835 accepts only
 * FIDO2 and x509; Canada GR13 fails phone and Authenticator; this list is the union the catalogue
 * names (docs/domain.md, "What other tools check").
 */
const phishableMethodTypes = [
  'phoneauthenticationmethod',
  'microsoftauthenticatorauthenticationmethod',
  'softwareoathauthenticationmethod',
  'emailauthenticationmethod',
  'temporaryaccesspassauthenticationmethod',
];

function checkMethods(subject: CheckSubject, upn: string, account: AccountSnapshot): CheckResult[] {
  const methods = account.authenticationMethods;
  if (!methods.ok) {
    const evidence = [`Authentication methods: ${methods.reason}`];
    const fix = 'Give the reader UserAuthenticationMethod.Read.All, or review the account in Microsoft Entra admin center > Users > Authentication methods.';
    return [
      result('BG-USR-05', 'indeterminate', subject, `Whether ${upn} has a phishing-resistant method is unknown: its methods could not be read`, evidence, fix),
      result('BG-USR-06', 'indeterminate', subject, `Whether ${upn} has phishable methods is unknown: its methods could not be read`, evidence, fix),
    ];
  }
  const keys = methods.value.filter((m) => methodType(m) === 'fido2authenticationmethod');
  const certificates = methods.value.filter((m) => methodType(m) === 'x509certificateauthenticationmethod');
  const strong = [...keys, ...certificates].map(describeMethod);
  const registerKeys = `sign in as it at https://aka.ms/mysecurityinfo with a Temporary Access Pass issued in ${userPage(upn)} > Authentication methods, add each key, delete the pass, and keep the keys in the safe`;
  let strength: CheckResult;
  if (keys.length === 0 && certificates.length === 0) {
    strength = result(
      'BG-USR-05',
      'fail',
      subject,
      `${upn} has no phishing-resistant sign-in method (FIDO2 key or certificate)`,
      [`Registered: ${methods.value.map(describeMethod).join('; ') || 'nothing'}.`],
      `Since mandatory MFA for the admin portals, a password alone no longer gets an admin in. Register two FIDO2 security keys (${registerKeys}), or set up certificate-based authentication.`,
    );
  } else if (keys.length === 1 && certificates.length === 0) {
    strength = result(
      'BG-USR-05',
      'warn',
      subject,
      `${upn} has only one FIDO2 security key; two or more are recommended`,
      strong,
      `Register a second key, ideally from another vendor, so one lost or PIN-blocked key does not lock the account out: ${registerKeys}.`,
    );
  } else {
    strength = result(
      'BG-USR-05',
      'pass',
      subject,
      `${upn} has ${keys.length} FIDO2 security key${keys.length === 1 ? '' : 's'}${certificates.length > 0 ? ` and ${certificates.length} certificate${certificates.length === 1 ? '' : 's'}` : ''} registered`,
      strong,
    );
  }
  const phishable = methods.value.filter((m) => phishableMethodTypes.includes(methodType(m)));
  const exposure =
    phishable.length > 0
      ? result(
          'BG-USR-06',
          'fail',
          subject,
          `${upn} has phishable or personal-device methods: ${[...new Set(phishable.map((m) => methodLabels[methodType(m)]))].join(', ')}`,
          phishable.map(describeMethod),
          `Delete them in ${userPage(upn)} > Authentication methods. Break-glass sign-in must not depend on a phone, a mailbox or a person’s device, and a phishable method is a way in for an attacker.`,
        )
      : result('BG-USR-06', 'pass', subject, `${upn} has no phishable or personal-device methods`, [`Registered: ${methods.value.map(describeMethod).join('; ') || 'nothing'}.`]);
  return [strength, exposure];
}

// ——— BG-USR-07: the tenant's authentication methods policy ———

type Targeting = { readonly hit: 'yes' | 'no' | 'unknown'; readonly via: string[]; readonly unknownBecause?: string };

function targeting(targets: AuthenticationMethodConfiguration['includeTargets'], userId: string, groups: Map<string, string> | undefined): Targeting {
  // Microsoft's own authenticationmethodspolicy-get.md example answers without excludeTargets:
  // a list Graph did not send is unknown, not empty.
  if (targets == null) return { hit: 'unknown', via: [], unknownBecause: "Graph's answer has no such list" };
  const via: string[] = [];
  let unknown = false;
  for (const target of targets ?? []) {
    if (target.id.toLowerCase() === 'all_users') via.push('all users');
    else if (sameId(target.id, userId)) via.push('the account itself');
    else if (groups?.has(target.id.toLowerCase())) via.push(`group ${groups.get(target.id.toLowerCase())} (${target.id})`);
    else if (!groups && target.targetType?.toLowerCase() !== 'user') unknown = true;
  }
  return { hit: via.length > 0 ? 'yes' : unknown ? 'unknown' : 'no', via };
}

function checkMethodPolicy(context: CheckContext, subject: CheckSubject, user: UserFacts, account: AccountSnapshot): CheckResult {
  const upn = user.userPrincipalName;
  const configs = context.snapshot.authenticationMethodConfigurations;
  if (!configs.ok) {
    return result(
      'BG-USR-07',
      'indeterminate',
      subject,
      `Whether ${upn} may use FIDO2 or a certificate is unknown: the authentication methods policy could not be read`,
      [`Authentication methods policy: ${configs.reason}`],
      'Give the reader Policy.Read.All, or check Microsoft Entra admin center > Authentication methods > Policies meanwhile.',
    );
  }
  const groups = account.transitiveMemberOf.ok ? groupsOf(account.transitiveMemberOf.value) : undefined;
  const verdicts = ['Fido2', 'X509Certificate'].map((methodId) => {
    const config = configs.value.find((c) => c.id.toLowerCase() === methodId.toLowerCase());
    if (!config) return { methodId, enables: 'no' as const, words: `${methodId}: not in the authentication methods policy.` };
    const included = targeting(config.includeTargets, user.id, groups);
    const excluded = targeting(config.excludeTargets, user.id, groups);
    const enabled = config.state.toLowerCase() === 'enabled';
    const enables = !enabled || included.hit === 'no' || excluded.hit === 'yes' ? 'no' : included.hit === 'yes' && excluded.hit === 'no' ? 'yes' : 'unknown';
    const why = (t: Targeting) => t.unknownBecause ?? 'group memberships unknown';
    const words = `${methodId}: state ${config.state}; includes the account ${included.hit === 'yes' ? `via ${included.via.join(', ')}` : included.hit === 'no' ? 'not at all' : `perhaps (${why(included)})`}; ${excluded.hit === 'yes' ? `excludes it via ${excluded.via.join(', ')}` : excluded.hit === 'no' ? 'does not exclude it' : `may exclude it (${why(excluded)})`}.`;
    return { methodId, enables, words };
  });
  const evidence = verdicts.map((v) => v.words);
  if (!account.transitiveMemberOf.ok) evidence.push(`Group memberships could not be read: ${account.transitiveMemberOf.reason}`);
  const enabling = verdicts.filter((v) => v.enables === 'yes').map((v) => (v.methodId === 'Fido2' ? 'FIDO2 passkeys' : 'certificate-based authentication'));
  if (enabling.length > 0) return result('BG-USR-07', 'pass', subject, `The authentication methods policy lets ${upn} use ${enabling.join(' and ')}`, evidence);
  if (verdicts.some((v) => v.enables === 'unknown')) {
    return result(
      'BG-USR-07',
      'indeterminate',
      subject,
      `Whether the authentication methods policy lets ${upn} use FIDO2 or a certificate is unknown`,
      evidence,
      'Give the reader GroupMember.Read.All (or Directory.Read.All) so the account’s groups can be matched against the policy targets, then run the checks again.',
    );
  }
  return result(
    'BG-USR-07',
    'fail',
    subject,
    `The authentication methods policy does not let ${upn} use FIDO2 or a certificate`,
    evidence,
    'In Microsoft Entra admin center > Authentication methods > Policies > Passkey (FIDO2): enable it, include All users or the break-glass group, and remove the account and its groups from Exclude; save. Without this the registered keys cannot be used to sign in.',
  );
}

// ——— BG-USR-08: recent sign-in ———

function checkRecentSignIn(context: CheckContext, subject: CheckSubject, upn: string, account: AccountSnapshot): CheckResult {
  const interval = context.snapshot.inventory.reviewIntervalDays;
  const activity = account.signInActivity;
  if (!activity.ok) {
    return result(
      'BG-USR-08',
      'indeterminate',
      subject,
      `When ${upn} last signed in is unknown: sign-in activity could not be read`,
      [`Sign-in activity: ${activity.reason}`],
      `Reading signInActivity needs AuditLog.Read.All for the reader and a Microsoft Entra ID P1 or P2 licence; meanwhile check ${userPage(upn)} > Sign-in logs.`,
    );
  }
  const drill = `Run a live drill: tell the security operations team, sign in as ${upn} with its key from the safe, perform an admin task and record it in the journal (Microsoft asks for this at least every 90 days). Make sure no inactivity clean-up disables the account.`;
  // lastSuccessfulSignInDateTime exists since December 2023 (docs/microsoft-behaviour.md, "Users and sign-in activity"): null there means
  // no successful sign-in, whatever lastSignInDateTime says – that one also counts failed attempts
  // (a password spray would keep it fresh). It is used only where the property is missing altogether.
  const reported = activity.value !== null && activity.value !== undefined && 'lastSuccessfulSignInDateTime' in activity.value;
  const successful = activity.value?.lastSuccessfulSignInDateTime ?? undefined;
  const last = reported ? successful : (activity.value?.lastSignInDateTime ?? undefined);
  if (!last) return result('BG-USR-08', 'warn', subject, `${upn} has never signed in (or not since sign-in activity is recorded)`, ['signInActivity records no sign-in.'], drill);
  const at = Date.parse(last);
  const field = successful ? 'lastSuccessfulSignInDateTime' : 'lastSignInDateTime (no successful sign-in date recorded; this one may be a failed attempt)';
  if (Number.isNaN(at)) {
    return result(
      'BG-USR-08',
      'indeterminate',
      subject,
      `When ${upn} last signed in is unknown: the date cannot be read`,
      [`${field} = "${last}".`],
      `Check ${userPage(upn)} > Sign-in logs.`,
    );
  }
  const ageDays = Math.floor(Math.max(context.now.getTime() - at, 0) / dayMs);
  const evidence = [`${field} = ${last} (${ageDays} days ago); the review interval is ${interval} days.`];
  if (context.now.getTime() - at <= interval * dayMs) {
    return result('BG-USR-08', 'pass', subject, `${upn} last signed in ${ageDays} days ago, within the ${interval}-day interval`, evidence);
  }
  return result('BG-USR-08', 'warn', subject, `${upn} last signed in ${ageDays} days ago, longer ago than the ${interval}-day interval`, evidence, drill);
}

function checkAccount(context: CheckContext, account: AccountSnapshot): CheckResult[] {
  const subject = accountSubject(account);
  if (!account.user.ok) {
    const evidence = [`User ${account.configured.userPrincipalName}${account.configured.id ? ` (${account.configured.id})` : ''}: ${account.user.reason}`];
    return userCheckIds.map((id) =>
      result(id, 'indeterminate', subject, `${account.configured.userPrincipalName} could not be read, so ${id} cannot be checked`, evidence, resolveAccountHint),
    );
  }
  const user = account.user.value;
  return [
    checkUserObject(subject, user),
    checkCloudOnly(subject, user),
    checkInitialDomain(context, subject, user),
    checkGlobalAdministrator(context, subject, user, account),
    ...checkMethods(subject, user.userPrincipalName, account),
    checkMethodPolicy(context, subject, user, account),
    checkRecentSignIn(context, subject, user.userPrincipalName, account),
  ];
}

export function checkAccounts(context: CheckContext): CheckResult[] {
  return [checkInventory(context), ...context.snapshot.accounts.flatMap((account) => checkAccount(context, account))];
}
