/**
 * Readiness check results as they cross to the renderer, the CLI's JSON and the journal
 * (docs/domain.md, "Results"): one result per check id per subject. The ids and their
 * meanings are part of the product's interface and never change.
 */
import { z } from 'zod';

export const CheckStatus = z.enum(['pass', 'warn', 'fail', 'indeterminate']);
export type CheckStatus = z.infer<typeof CheckStatus>;

export const checkIds = [
  'BG-INV-01',
  'BG-USR-01',
  'BG-USR-02',
  'BG-USR-03',
  'BG-USR-04',
  'BG-USR-05',
  'BG-USR-06',
  'BG-USR-07',
  'BG-USR-08',
  'BG-USR-09',
  'BG-CA-01',
  'BG-CA-02',
  'BG-CA-03',
  'BG-CA-04',
  'BG-CA-05',
  'BG-CA-06',
  'BG-PIM-01',
  'BG-PIM-02',
  'BG-APP-01',
  'BG-APP-02',
  'BG-APP-03',
  'BG-APP-04',
  'BG-APP-05',
  'BG-APP-06',
  'BG-CLI-01',
  'BG-MON-01',
  'BG-MON-02',
  'BG-MON-03',
  'BG-MON-04',
  'BG-REV-01',
] as const;
export const CheckId = z.enum(checkIds);
export type CheckId = z.infer<typeof CheckId>;

/** What a result is about: an account, the app, a policy, the tenant, monitoring. */
export const CheckSubject = z
  .object({
    kind: z.enum(['tenant', 'account', 'app', 'policy', 'group', 'monitoring', 'journal']),
    /** The object id or UPN, policy id, subscription id… */
    id: z.string(),
    /** What a person calls it: the UPN, the policy's display name. */
    name: z.string(),
    /**
     * For a finding about a policy and one account (BG-CA-01/02: this policy locks out that
     * account): the account, so a JSON, SARIF or JUnit reader need not parse the title. The
     * subject stays the policy (`kind`, `id`, `name`), so a reader that knows only those still
     * reads it right; the pair is what makes each entry one per check id per subject.
     */
    account: z.object({ id: z.string(), name: z.string() }).strict().optional(),
  })
  .strict();
export type CheckSubject = z.infer<typeof CheckSubject>;

/** The subject as one line: "CA101 Block all × bg1@contoso.onmicrosoft.com" for a policy and an account. */
export function subjectLabel(subject: CheckSubject): string {
  return subject.account ? `${subject.name} × ${subject.account.name}` : subject.name;
}

/** What identifies a subject: one result per check id per key. */
export function subjectKey(subject: CheckSubject): string {
  return subject.account ? `${subject.kind}/${subject.id}/account/${subject.account.id}` : `${subject.kind}/${subject.id}`;
}

export const CheckResult = z
  .object({
    id: CheckId,
    status: CheckStatus,
    subject: CheckSubject,
    /** One line saying what held or did not. */
    title: z.string(),
    /** The data that decided it, in plain words ("excludeGroups contains CA-BreakGlass (…)"). */
    evidence: z.array(z.string()),
    /** What to do when it is not a pass; empty for a pass. */
    remediation: z.string(),
  })
  .strict();
export type CheckResult = z.infer<typeof CheckResult>;
