/**
 * The runbook's content as data (`breakglass.runbook.json`): the step texts, the scenario
 * guidance and the organisation's own details (contacts, safe location, key labels). Settings
 * edits it; the app falls back to the built-in runbook when the file is missing or bad.
 *
 * The step ids and their order are those of docs/domain.md, "The incident runbook" – the screens depend on
 * them, so a file may reword a step but never drop, add or reorder one. Unknown keys are refused
 * so a typo never passes silently.
 *
 * Placeholders: any text may contain `{organisation}` (the organisation's name) and
 * `{safeLocation}` (where the safe is); they are filled in when the text is shown. Any other
 * `{word}` is refused, because a misspelt placeholder would reach the custodian as-is.
 */
import { z } from 'zod';

/** The format version this app reads and writes; a file of another version is refused. */
export const runbookFormatVersion = 1;

export const runbookStepIds = [
  'open-incident',
  'notify-security-operations',
  'record-safe-opened',
  'choose-path',
  'sign-in',
  'confirm-access',
  'recovery-actions',
  'close-incident',
] as const;
export const RunbookStepId = z.enum(runbookStepIds);
export type RunbookStepId = z.infer<typeof RunbookStepId>;

/** The incident scenarios (docs/domain.md, "The incident runbook"; Microsoft's "why the accounts are needed"), plus "other". */
export const runbookScenarioIds = [
  'ca-lockout',
  'mfa-outage',
  'federation-outage',
  'pim-deadlock',
  'last-global-admin-gone',
  'compromised-admins',
  'other',
] as const;
export const RunbookScenarioId = z.enum(runbookScenarioIds);
export type RunbookScenarioId = z.infer<typeof RunbookScenarioId>;

export const runbookPlaceholders = ['organisation', 'safeLocation'] as const;
export type RunbookPlaceholder = (typeof runbookPlaceholders)[number];

const placeholderPattern = /\{([A-Za-z]+)\}/g;

const Name = z
  .string()
  .max(200, 'must be at most 200 characters')
  .refine((value) => value.trim().length > 0, 'must not be empty');

/** Text shown to the custodian: plain, short sentences; only the known placeholders. */
const RunbookText = z
  .string()
  .max(2000, 'must be at most 2000 characters (keep it short: someone reads this under stress)')
  .refine((value) => value.trim().length > 0, 'must not be empty')
  .superRefine((value, ctx) => {
    for (const [, name] of value.matchAll(placeholderPattern)) {
      if (!(runbookPlaceholders as readonly string[]).includes(name ?? '')) {
        ctx.addIssue({
          code: 'custom',
          message: `{${name}} is not a placeholder; use ${runbookPlaceholders.map((p) => `{${p}}`).join(' or ')}`,
        });
      }
    }
  });

const UserPrincipalName = z.string().regex(/^[^@\s]+@[^@\s]+$/, 'must be a user principal name (name@domain)');

const SecurityOperationsContact = z
  .object({
    name: Name,
    phone: z
      .string()
      .regex(/^\+?[0-9][0-9 ()./-]{2,30}$/, 'must be a phone number (digits, spaces, + ( ) . / -)')
      .describe('A number that works without the tenant: a landline or mobile, not Teams calling.')
      .optional(),
    email: z
      .email('must be an email address')
      .describe('An address outside the tenant: its mail may be down or read by an attacker.')
      .optional(),
    note: RunbookText.describe('For example the hours this contact covers.').optional(),
  })
  .strict()
  .refine((contact) => contact.phone !== undefined || contact.email !== undefined, {
    message: 'needs a phone number or an email address, or nobody can reach this contact',
  });

const KeyLabel = z
  .object({
    label: Name.describe('What is written on the key, for example "Safe key A1".'),
    account: UserPrincipalName.describe('The break-glass account the key is registered to.'),
    location: Name.describe('Where the key is kept when it is not in the main safe.').optional(),
  })
  .strict();

const EnvelopeLabel = z
  .object({
    label: Name.describe('What is written on the sealed envelope.'),
    account: UserPrincipalName.describe('The break-glass account whose password it holds.'),
  })
  .strict();

const AppCertificateLabel = z
  .object({
    label: Name.describe(`What is written on the media, for example "USB stick 'BG-APP'".`),
    file: Name.describe('The PFX file name on that media.'),
    passphraseEnvelope: Name.describe('The label of the sealed envelope holding the PFX passphrase.'),
  })
  .strict();

const Scenario = z.object({ id: RunbookScenarioId, title: Name, guidance: RunbookText }).strict();

const Step = z
  .object({
    id: RunbookStepId,
    title: Name,
    text: RunbookText,
    needsNetwork: z.boolean().describe('True when the step cannot be done without reaching Entra/Graph.'),
  })
  .strict();

const quoted = (ids: readonly string[]) => ids.map((id) => `"${id}"`).join(', ');

export const RunbookContent = z
  .object({
    version: z.literal(runbookFormatVersion),
    title: Name,
    organisation: z
      .object({
        /** Optional: until it is set the screens say "not set yet – see Settings" (runbook-gaps.ts). */
        name: Name.optional(),
        securityOperations: z
          .object({
            description: RunbookText.describe('Who they are and when to call them.'),
            contacts: z
              .array(SecurityOperationsContact)
              .describe('Reachable without the tenant: Teams and tenant mail may be what is broken.'),
          })
          .strict(),
        safeLocation: Name.describe('Where the safe is, for example "Building 2, room 014, grey safe".').optional(),
        custodians: z.array(Name).describe('The people allowed to open the safe.').optional(),
      })
      .strict(),
    keys: z.array(KeyLabel),
    envelopes: z.array(EnvelopeLabel).optional(),
    appCertificate: AppCertificateLabel.optional(),
    scenarios: z.array(Scenario).superRefine((scenarios, ctx) => {
      const seen = new Set<string>();
      scenarios.forEach((scenario, index) => {
        if (seen.has(scenario.id)) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'id'],
            message: `"${scenario.id}" appears more than once; list each scenario once`,
          });
        }
        seen.add(scenario.id);
      });
      const missing = runbookScenarioIds.filter((id) => !seen.has(id));
      if (missing.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `is missing the scenario${missing.length > 1 ? 's' : ''} ${quoted(missing)}; all of ${quoted(runbookScenarioIds)} are needed`,
        });
      }
    }),
    steps: z.array(Step).superRefine((steps, ctx) => {
      const order = `the steps are, in this order: ${quoted(runbookStepIds)}`;
      const ids = steps.map((step) => step.id);
      let problems = 0;
      ids.forEach((id, index) => {
        if (ids.indexOf(id) !== index) {
          problems += 1;
          ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `"${id}" appears more than once; ${order}` });
        }
      });
      const missing = runbookStepIds.filter((id) => !ids.includes(id));
      if (missing.length > 0) {
        problems += 1;
        ctx.addIssue({ code: 'custom', message: `is missing the step${missing.length > 1 ? 's' : ''} ${quoted(missing)}; ${order}` });
      }
      if (problems > 0) return;
      // Every step is there exactly once: name the first one out of place.
      const index = ids.findIndex((id, position) => id !== runbookStepIds[position]);
      if (index >= 0) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'id'],
          message: `"${ids[index]}" is out of order: step ${index + 1} must be "${runbookStepIds[index]}"; ${order}`,
        });
      }
    }),
  })
  .strict();

export type RunbookContent = z.infer<typeof RunbookContent>;
export type RunbookStep = RunbookContent['steps'][number];
export type RunbookScenario = RunbookContent['scenarios'][number];
