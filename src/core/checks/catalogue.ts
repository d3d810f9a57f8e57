/**
 * The check catalogue (docs/domain.md, "The catalogue"): what each stable id requires, and the
 * area it belongs to on the readiness screen. The ids and their meanings never change.
 */
import type { CheckId } from './model.ts';

export type CheckArea = 'accounts' | 'app' | 'policies' | 'monitoring' | 'governance';

export type CatalogueEntry = { readonly title: string; readonly requirement: string; readonly area: CheckArea };

export const checkCatalogue: Readonly<Record<CheckId, CatalogueEntry>> = {
  'BG-INV-01': {
    area: 'accounts',
    title: 'Two or more break-glass accounts',
    requirement: 'At least two break-glass user accounts are configured, and each can be found in the tenant.',
  },
  'BG-USR-01': {
    area: 'accounts',
    title: 'Account enabled member',
    requirement: 'The account exists, is enabled, and is a Member (not a guest).',
  },
  'BG-USR-02': { area: 'accounts', title: 'Cloud-only', requirement: 'The account is not synchronised from on-premises Active Directory.' },
  'BG-USR-03': {
    area: 'accounts',
    title: 'Initial onmicrosoft.com domain',
    requirement: "The account's user name is on the tenant's initial *.onmicrosoft.com domain.",
  },
  'BG-USR-04': {
    area: 'accounts',
    title: 'Permanent active Global Administrator',
    requirement: 'The account holds Global Administrator as an active, permanent assignment – not eligible-only, not time-bound.',
  },
  'BG-USR-05': {
    area: 'accounts',
    title: 'Phishing-resistant method',
    requirement:
      'A FIDO2 security key (two or more recommended) or certificate-based sign-in (certificate user ids or a username binding, the x509 policy targeting the account) is set up.',
  },
  'BG-USR-06': {
    area: 'accounts',
    title: 'No phishable methods',
    requirement:
      'No phone, Authenticator, software or hardware OATH, email, Temporary Access Pass, QR code + PIN or external provider method is registered.',
  },
  'BG-USR-07': {
    area: 'accounts',
    title: 'Methods policy allows the key',
    requirement:
      "The tenant's authentication-methods policy enables FIDO2 (or certificates, with a binding to the account) for it, does not exclude it, and its key restrictions let the registered keys' models in.",
  },
  'BG-USR-08': {
    area: 'accounts',
    title: 'Signed in recently',
    requirement: 'The last successful sign-in is within the review interval, which shows that drills happen.',
  },
  'BG-USR-09': {
    area: 'accounts',
    title: 'Mandatory MFA can be met',
    requirement:
      'The account holds a way in that satisfies the MFA Microsoft requires for the Azure portal, the admin centers and Azure Resource Manager: a FIDO2 key the policy lets in, or a multifactor certificate.',
  },
  'BG-CA-01': {
    area: 'policies',
    title: 'Excluded from Conditional Access',
    requirement:
      'Every enabled user Conditional Access policy that would apply to the account excludes it – directly, through a group, or through an active role.',
  },
  'BG-CA-02': {
    area: 'policies',
    title: 'Report-only policies',
    requirement: 'No report-only policy would apply to the account once switched on.',
  },
  'BG-CA-03': {
    area: 'policies',
    title: 'Intentional protection policy',
    requirement:
      'A policy that targets only the break-glass accounts and requires phishing-resistant authentication is protection, not a lock-out.',
  },
  'BG-CA-04': { area: 'policies', title: 'No stale exclusions', requirement: 'Exclusion lists name no deleted or unknown objects.' },
  'BG-CA-05': {
    area: 'policies',
    title: 'App excluded from workload-identity policies',
    requirement: "Every enabled workload-identity policy that includes the break-glass app's service principal excludes it.",
  },
  'BG-CA-06': {
    area: 'policies',
    title: 'Exclusion group hygiene',
    requirement: 'The exclusion group is a static, role-assignable security group without mail, owners or other members.',
  },
  'BG-PIM-01': {
    area: 'governance',
    title: 'Permanent assignment allowed',
    requirement: 'The Global Administrator role policy allows permanent active assignments.',
  },
  'BG-PIM-02': {
    area: 'governance',
    title: 'No PIM approval deadlock',
    requirement: 'Not every Global Administrator / Privileged Role Administrator path is eligible-only with approval required.',
  },
  'BG-APP-01': {
    area: 'app',
    title: 'App and service principal',
    requirement: 'The app registration and its service principal exist, and the service principal is enabled.',
  },
  'BG-APP-02': {
    area: 'app',
    title: 'App can act in an emergency',
    requirement:
      'The app holds the Microsoft Graph application permissions for the Conditional Access repairs (Policy.Read.All, Policy.ReadWrite.ConditionalAccess, Application.Read.All; fail without them) and for every other recovery and rotation action (warn for each it cannot do); a directory role counts only where Graph requires one.',
  },
  'BG-APP-03': {
    area: 'app',
    title: 'Valid certificate',
    requirement: 'At least one certificate is valid now, and none expires within 30 days.',
  },
  'BG-APP-04': { area: 'app', title: 'No client secrets', requirement: 'The app has no client secrets.' },
  'BG-APP-05': {
    area: 'app',
    title: 'Own certificate',
    requirement: "The app's certificates are not issued by a CA trusted for certificate-based sign-in, and not shared with other apps.",
  },
  'BG-APP-06': { area: 'app', title: 'No owners', requirement: 'The app registration has no owners.' },
  'BG-CLI-01': {
    area: 'app',
    title: 'Sign-in client ready',
    requirement:
      'The public client the accounts sign in through (Microsoft Graph Command Line Tools, or the tenant’s own) is enabled, lets the accounts in (no assignment required, or both assigned), and holds the delegated consent the runbook needs – or the accounts may grant it.',
  },
  'BG-MON-01': {
    area: 'monitoring',
    title: 'Sign-in logs to a workspace',
    requirement:
      'Entra diagnostic settings send SignInLogs, NonInteractiveUserSignInLogs and ServicePrincipalSignInLogs to a Log Analytics workspace.',
  },
  'BG-MON-02': {
    area: 'monitoring',
    title: 'Alert on account sign-in',
    requirement: 'An enabled alert rule on that workspace covers every break-glass account.',
  },
  'BG-MON-03': {
    area: 'monitoring',
    title: 'Alert on app sign-in',
    requirement: "An enabled alert rule covers the break-glass app's service-principal sign-ins.",
  },
  'BG-MON-04': {
    area: 'monitoring',
    title: 'Alert reaches outside the tenant',
    requirement: 'The alert notifies at least one enabled receiver outside the monitored tenant.',
  },
  'BG-REV-01': {
    area: 'governance',
    title: 'Reviewed recently',
    requirement: 'The last recorded review or drill is within the review interval.',
  },
};
