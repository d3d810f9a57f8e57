/**
 * Once the custodian is in another way, the incident's failed sign-in is read back from Entra's
 * sign-in log and the policy that blocked it is named (docs/microsoft-behaviour.md, "Sign-in
 * logs"): the record's appliedConditionalAccessPolicies with result `failure`. The log is not
 * real time – a sign-in appears some minutes later – so "not there yet" is an answer of its own,
 * said plainly, with a way to look again.
 */
import type { FailedSignIn } from '../../core/runbooks/incident-position.ts';
import type { BlockedSignIn } from '../../shared/model/incident.ts';
import { GraphRequestError, type GraphConnection } from '../entra/graph-connection.ts';

type SignInRecord = {
  readonly createdDateTime: string;
  readonly userPrincipalName?: string | null;
  readonly conditionalAccessStatus?: string | null;
  readonly status?: { readonly errorCode?: number | null } | null;
  readonly appliedConditionalAccessPolicies?: ReadonlyArray<{
    readonly id: string;
    readonly displayName?: string | null;
    readonly result?: string;
  }> | null;
};

/** How far before the journal's time of the attempt the log is searched: the two clocks are not the same. */
const clockMarginMs = 10 * 60_000;

const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;
const clock = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** The last failed attempt of the incident made by an account (the app path has no user sign-in record). */
export function lastAccountFailure(attempts: readonly FailedSignIn[]): (FailedSignIn & { readonly account: string }) | undefined {
  return attempts
    .filter((a): a is FailedSignIn & { account: string } => a.outcome === 'failed' && Boolean(a.account?.includes('@')))
    .at(-1);
}

/**
 * `as`: who reads the log. signin-list asks of an app AuditLog.Read.All and Directory.Read.All
 * (application permissions), of an account the same delegated and a role that reads sign-in reports.
 */
export async function readBlockedSignIn(
  graph: GraphConnection,
  attempts: readonly FailedSignIn[],
  as: 'user' | 'app' = 'user',
): Promise<BlockedSignIn> {
  const attempt = lastAccountFailure(attempts);
  if (!attempt) return { kind: 'no-failed-attempt' };
  const facts = { account: attempt.account, at: attempt.at };
  const since = new Date(Date.parse(attempt.at) - clockMarginMs).toISOString();
  // signin-list supports $filter; userPrincipalName (eq) and createdDateTime (ge) are filterable properties of signIn.
  const filter = `userPrincipalName eq ${quoted(attempt.account)} and createdDateTime ge ${since}`;
  let records: SignInRecord[];
  try {
    const page = await graph.get<{ value?: SignInRecord[] }>(`/auditLogs/signIns?$filter=${encodeURIComponent(filter)}&$top=50`);
    records = page.value ?? [];
  } catch (error) {
    if (error instanceof GraphRequestError && error.status === 403)
      return {
        kind: 'unreadable',
        message:
          as === 'app'
            ? 'The break-glass app may not read Entra’s sign-in log (it needs the application permissions AuditLog.Read.All and Directory.Read.All), so the app cannot name the policy that blocked the earlier sign-in.'
            : 'This sign-in may not read Entra’s sign-in log, so the app cannot name the policy that blocked the earlier sign-in.',
        nextStep:
          as === 'app'
            ? 'Use the list of blocking policies below. After the incident, grant the break-glass app those two permissions (Check readiness names them); to see the log now, open the Microsoft Entra admin center: Monitoring & health → Sign-in logs.'
            : 'Use the list of blocking policies below. To see the log, sign in with an account that holds Global Administrator, Security Reader or Reports Reader, or open the Microsoft Entra admin center: Monitoring & health → Sign-in logs.',
      };
    return {
      kind: 'unreadable',
      message: `Entra’s sign-in log could not be read: ${error instanceof Error ? error.message : String(error)}`,
      nextStep: 'Look again in a minute, or use the list of blocking policies below.',
    };
  }
  const wanted = Date.parse(attempt.at);
  const failed = records
    .filter((r) => (r.status?.errorCode ?? 0) !== 0)
    .sort((a, b) => Math.abs(Date.parse(a.createdDateTime) - wanted) - Math.abs(Date.parse(b.createdDateTime) - wanted));
  const record = failed.find((r) => attempt.aadstsCode === undefined || r.status?.errorCode === attempt.aadstsCode) ?? failed[0];
  if (!record)
    return {
      ...facts,
      kind: 'not-yet',
      message: `The failed sign-in of ${attempt.account} at ${clock(attempt.at)} is not in Entra’s sign-in log yet. A sign-in takes a few minutes to appear there (Microsoft says to allow about five). Look again in a few minutes.`,
    };
  const blocking = (record.appliedConditionalAccessPolicies ?? []).filter((p) => p.result === 'failure');
  if (blocking.length > 0)
    return { ...facts, kind: 'named', policies: blocking.map((p) => ({ id: p.id, displayName: p.displayName ?? p.id })) };
  return {
    ...facts,
    kind: 'not-named',
    message:
      record.conditionalAccessStatus === 'failure'
        ? 'The sign-in log says Conditional Access blocked it but does not say which policy: this sign-in may not read Conditional Access policies. Use the list of blocking policies below.'
        : `The sign-in log shows the sign-in failed (code ${record.status?.errorCode}), but not because of a Conditional Access policy.`,
  };
}
