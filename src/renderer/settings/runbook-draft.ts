/**
 * The Settings form's working copy of the runbook: the organisation's details as the text the
 * fields hold, turned back into runbook content to save, and checked with the very schema the
 * runbook file is checked with – each problem placed at the field its JSON path names.
 */
import { RunbookContent } from '../../shared/model/runbook.ts';
import { describeZodIssue, jsonPath } from '../../shared/zod-issues.ts';

export type ContactDraft = { name: string; phone: string; email: string; note: string };
export type KeyDraft = { label: string; account: string; location: string };
export type EnvelopeDraft = { label: string; account: string };

export type RunbookDraft = {
  readonly name: string;
  readonly safeLocation: string;
  readonly description: string;
  readonly contacts: readonly ContactDraft[];
  /** One name a line. */
  readonly custodians: string;
  readonly keys: readonly KeyDraft[];
  readonly envelopes: readonly EnvelopeDraft[];
  readonly certificate: { readonly label: string; readonly file: string; readonly passphraseEnvelope: string };
};

export const emptyContact: ContactDraft = { name: '', phone: '', email: '', note: '' };
export const emptyKey: KeyDraft = { label: '', account: '', location: '' };
export const emptyEnvelope: EnvelopeDraft = { label: '', account: '' };

export function draftOf(runbook: RunbookContent): RunbookDraft {
  const organisation = runbook.organisation;
  return {
    name: organisation.name ?? '',
    safeLocation: organisation.safeLocation ?? '',
    description: organisation.securityOperations.description,
    contacts: organisation.securityOperations.contacts.map((c) => ({
      name: c.name,
      phone: c.phone ?? '',
      email: c.email ?? '',
      note: c.note ?? '',
    })),
    custodians: (organisation.custodians ?? []).join('\n'),
    keys: runbook.keys.map((k) => ({ label: k.label, account: k.account, location: k.location ?? '' })),
    envelopes: (runbook.envelopes ?? []).map((e) => ({ label: e.label, account: e.account })),
    certificate: {
      label: runbook.appCertificate?.label ?? '',
      file: runbook.appCertificate?.file ?? '',
      passphraseEnvelope: runbook.appCertificate?.passphraseEnvelope ?? '',
    },
  };
}

/** `{ key: value }` when the field holds something, else nothing: an empty optional field is left out of the file. */
const given = <K extends string>(key: K, value: string): Partial<Record<K, string>> =>
  value.trim() === '' ? {} : ({ [key]: value.trim() } as Record<K, string>);

/** The runbook to save: `base` (the step and scenario texts, kept as they are) with the form's details. */
export function contentOf(base: RunbookContent, draft: RunbookDraft): unknown {
  const custodians = draft.custodians
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const certificate = draft.certificate;
  const hasCertificate = [certificate.label, certificate.file, certificate.passphraseEnvelope].some((v) => v.trim() !== '');
  const { appCertificate: _oldCertificate, envelopes: _oldEnvelopes, ...rest } = base;
  return {
    ...rest,
    organisation: {
      ...given('name', draft.name),
      securityOperations: {
        description: draft.description,
        contacts: draft.contacts.map((c) => ({
          name: c.name.trim(),
          ...given('phone', c.phone),
          ...given('email', c.email),
          ...given('note', c.note),
        })),
      },
      ...given('safeLocation', draft.safeLocation),
      ...(custodians.length > 0 ? { custodians } : {}),
    },
    keys: draft.keys.map((k) => ({ label: k.label.trim(), account: k.account.trim(), ...given('location', k.location) })),
    ...(draft.envelopes.length > 0
      ? { envelopes: draft.envelopes.map((e) => ({ label: e.label.trim(), account: e.account.trim() })) }
      : {}),
    ...(hasCertificate
      ? {
          appCertificate: {
            label: certificate.label.trim(),
            file: certificate.file.trim(),
            passphraseEnvelope: certificate.passphraseEnvelope.trim(),
          },
        }
      : {}),
  };
}

/** Problems by JSON path (`$.organisation.securityOperations.contacts[0].phone`), as the file check words them. */
export type FieldProblems = ReadonlyMap<string, readonly string[]>;

export function checkContent(
  content: unknown,
): { readonly ok: true; readonly runbook: RunbookContent } | { readonly ok: false; readonly problems: FieldProblems } {
  const parsed = RunbookContent.safeParse(content, { reportInput: true });
  if (parsed.success) return { ok: true, runbook: parsed.data };
  const problems = new Map<string, string[]>();
  for (const issue of parsed.error.issues) {
    for (const line of describeZodIssue(issue, 'not part of the runbook format')) {
      const issuePath = jsonPath(issue.path);
      // describeZodIssue words each line as "$.path: reason"; the field shows only the reason.
      const reason = line.startsWith(`${issuePath}: `) ? line.slice(issuePath.length + 2) : line;
      // The custodians are one field, a name a line: a problem with one of them is shown there, with its line.
      const custodian = /^\$\.organisation\.custodians\[(\d+)\]$/.exec(issuePath);
      const path = custodian ? '$.organisation.custodians' : issuePath;
      const text = custodian ? `line ${Number(custodian[1]) + 1}: ${reason}` : reason;
      problems.set(path, [...(problems.get(path) ?? []), text]);
    }
  }
  return { ok: false, problems };
}

/** The paths the form has a field (or a row) for; a problem elsewhere (a step's text, from an imported file) is listed on its own. */
const formPaths = [
  /^\$\.organisation\.(name|safeLocation|custodians|securityOperations\.description)$/,
  /^\$\.organisation\.securityOperations\.contacts\[\d+\](\.(name|phone|email|note))?$/,
  /^\$\.keys\[\d+\](\.(label|account|location))?$/,
  /^\$\.envelopes\[\d+\](\.(label|account))?$/,
  /^\$\.appCertificate\.(label|file|passphraseEnvelope)$/,
];

export const hasField = (path: string) => formPaths.some((pattern) => pattern.test(path));
