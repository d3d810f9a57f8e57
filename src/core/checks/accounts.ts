/**
 * BG-INV-01 and BG-USR-01 … BG-USR-09 (docs/domain.md, "The catalogue"): are the break-glass
 * user accounts there, and is each one the account Microsoft describes – cloud-only, on the
 * initial domain, permanent active Global Administrator, signed in with FIDO2 or a certificate
 * and nothing phishable, allowed to use that method, and exercised recently
 * (docs/microsoft-behaviour.md, "Emergency access accounts"; docs/domain.md, "What other tools check").
 */
import { checkCloudOnly, checkGlobalAdministrator, checkInitialDomain, checkUserObject } from './account-user.ts';
import { checkMethodPolicy, checkMethods } from './account-methods.ts';
import { checkMandatoryMfa } from './account-mandatory-mfa.ts';
import { checkRecentSignIn } from './account-recent-sign-in.ts';
import type { CheckContext } from './context.ts';
import { checkIds, result, type CheckId, type CheckResult, type CheckSubject } from './model.ts';
import { sameId, tenantSubject } from './pim.ts';
import type { AccountSnapshot } from './snapshot.ts';

/** The per-account checks: every BG-USR id of the catalogue. */
const userCheckIds: readonly CheckId[] = checkIds.filter((id) => id.startsWith('BG-USR-'));

export function accountSubject(account: AccountSnapshot): CheckSubject {
  return account.user.ok
    ? { kind: 'account', id: account.user.value.id, name: account.user.value.userPrincipalName }
    : { kind: 'account', id: account.configured.userPrincipalName, name: account.configured.userPrincipalName };
}

const resolveAccountHint =
  'Check the account’s userPrincipalName and id in breakglass.config.json against the Entra admin center (Users), and give the reader User.Read.All (or Directory.Read.All).';

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
      const renamed = sameId(account.user.value.userPrincipalName, upn)
        ? ''
        : ` (the directory now calls it ${account.user.value.userPrincipalName}; update the inventory)`;
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

// BG-USR-01 … 04 are in account-user.ts, 05 … 07 in account-methods.ts, 08 in account-recent-sign-in.ts.
function checkAccount(context: CheckContext, account: AccountSnapshot): CheckResult[] {
  const subject = accountSubject(account);
  if (!account.user.ok) {
    const evidence = [
      `User ${account.configured.userPrincipalName}${account.configured.id ? ` (${account.configured.id})` : ''}: ${account.user.reason}`,
    ];
    return userCheckIds.map((id) =>
      result(
        id,
        'indeterminate',
        subject,
        `${account.configured.userPrincipalName} could not be read, so ${id} cannot be checked`,
        evidence,
        resolveAccountHint,
      ),
    );
  }
  const user = account.user.value;
  return [
    checkUserObject(subject, user),
    checkCloudOnly(subject, user),
    checkInitialDomain(context, subject, user),
    checkGlobalAdministrator(context, subject, user, account),
    ...checkMethods(context, subject, user, account),
    checkMethodPolicy(context, subject, user, account),
    checkRecentSignIn(context, subject, user.userPrincipalName, account),
    checkMandatoryMfa(context, subject, user, account),
  ];
}

export function checkAccounts(context: CheckContext): CheckResult[] {
  return [checkInventory(context), ...context.snapshot.accounts.flatMap((account) => checkAccount(context, account))];
}
