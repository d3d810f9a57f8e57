/**
 * The runbook the app shows when the organisation has not written its own (or its file is
 * bad): the incident steps and scenarios (docs/domain.md, "The incident runbook"), worded for a custodian at 3 a.m., with
 * Microsoft's emergency-access guidance folded in – tell security operations before signing in
 * so the alert is expected, prefer report-only over deleting a Conditional Access policy, and
 * classify every use afterwards as a drill, a real emergency or misuse (learn.microsoft.com,
 * "Manage emergency access accounts in Microsoft Entra ID").
 *
 * The organisation's details are left out, never invented – a made-up phone number is worse than
 * none; the screens say "not set yet – see Settings" until they are filled in (runbook-gaps.ts).
 */
import { runbookScenarioIds, type RunbookContent, type RunbookScenarioId } from '../../shared/model/runbook.ts';
import { fillRunbookText } from '../../shared/model/runbook-gaps.ts';

/** Each scenario's title and guidance, keyed by the one list of scenario ids (src/shared/model/runbook.ts). */
const scenarioTexts: Readonly<Record<RunbookScenarioId, { readonly title: string; readonly guidance: string }>> = {
  'ca-lockout': {
    title: 'Conditional Access lock-out',
    guidance:
      'A Conditional Access policy blocks every admin. The break-glass accounts should be excluded from it. If an account is blocked too (error 53003), use the break-glass app instead. Once in, switch the blocking policy to report-only. Do not delete it.',
  },
  'mfa-outage': {
    title: 'MFA outage',
    guidance:
      'Admins cannot finish multifactor authentication: the MFA service or their phones fail. The break-glass accounts use security keys, which need no phone and no Authenticator app. Sign in with one of them.',
  },
  'federation-outage': {
    title: 'Federation outage',
    guidance:
      'The on-premises identity provider (for example AD FS) is down, so federated admins cannot sign in. The break-glass accounts are cloud-only and do not need it. Sign in with one of them.',
  },
  'pim-deadlock': {
    title: 'PIM approval deadlock',
    guidance:
      'Every way to become Global Administrator needs approval in Privileged Identity Management, and nobody can approve. The break-glass accounts hold the role permanently. Sign in, then give a named admin the role.',
  },
  'last-global-admin-gone': {
    title: 'Last Global Administrator gone',
    guidance:
      'No working Global Administrator is left, for example because an account was deleted or disabled on premises. Sign in with a break-glass account, then give a named admin the role.',
  },
  'compromised-admins': {
    title: 'Admin accounts compromised',
    guidance:
      'An attacker may control admin accounts and may read work mail and Teams. Call security operations by phone before anything else. Sign in, then block the compromised accounts and end their sessions. Write down every change you make.',
  },
  other: {
    title: 'Another emergency',
    guidance: 'Write the reason in the incident notes in your own words. Then follow the steps. The app explains every error it meets.',
  },
};

export const builtinRunbook: RunbookContent = {
  version: 1,
  title: 'Emergency access to Microsoft Entra ID',
  organisation: {
    securityOperations: {
      description:
        'The team on duty for security incidents. Call them before signing in, so the alert they get is expected. Use a phone, not Teams or work mail.',
      contacts: [],
    },
  },
  keys: [],
  scenarios: runbookScenarioIds.map((id) => ({ id, ...scenarioTexts[id] })),
  steps: [
    {
      id: 'open-incident',
      title: 'Open the incident',
      text: 'Write down who opens the safe and who is the witness. Choose the reason from the list. Give the incident a reference. This step needs no network.',
      needsNetwork: false,
    },
    {
      id: 'notify-security-operations',
      title: 'Tell security operations',
      text: 'Call the security operations team ({organisation}) now. Say that a break-glass sign-in is about to happen, so the alert they will get is expected. Use a phone: Teams and work mail may depend on the broken tenant. Write down whom you told and when.',
      needsNetwork: false,
    },
    {
      id: 'record-safe-opened',
      title: 'Open the safe',
      text: 'Open the safe ({safeLocation}) with your witness watching. Record the time. Take nothing out yet: the next step says what you need.',
      needsNetwork: false,
    },
    {
      id: 'choose-path',
      title: 'Choose how to sign in',
      text: 'Sign in with a break-glass account and its security key, or with the break-glass app and its certificate. If Conditional Access blocks the accounts, use the app. Take only the key, envelope or USB stick the app names. Leave everything else in the safe.',
      needsNetwork: false,
    },
    {
      id: 'sign-in',
      title: 'Sign in',
      text: 'Follow the prompts on the screen for the way in you chose. If the network fails, try a second path, for example a phone hotspot. If sign-in fails, the app explains why and offers the next way in.',
      needsNetwork: true,
    },
    {
      id: 'confirm-access',
      title: 'Check who you are',
      text: 'Check the account or app you are signed in as and its active roles. You need Global Administrator, or for the app the permissions for the fix, before you change anything.',
      needsNetwork: true,
    },
    {
      id: 'recovery-actions',
      title: 'Restore admin access',
      text: 'Make the smallest change that lets your admins back in. Prefer switching a Conditional Access policy to report-only over deleting it. The app asks before each change, records it and can undo it. Do other work in the admin portals and note it here.',
      needsNetwork: true,
    },
    {
      id: 'close-incident',
      title: 'Close the incident',
      text: 'Tell security operations that the break-glass sign-in is over. Classify it: planned drill, real emergency, or misuse. Keep the sign-in and audit logs. Put everything back in the safe and record it. Then rotate every credential that left the safe.',
      needsNetwork: false,
    },
  ],
};

/** Fills `{organisation}` and `{safeLocation}` in a runbook text (src/shared/model/runbook-gaps.ts). */
export const renderStepText = fillRunbookText;
