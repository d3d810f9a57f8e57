import type { ReactNode } from 'react';

import { FieldProblem, FormField } from './FormField.tsx';
import {
  emptyContact,
  emptyEnvelope,
  emptyKey,
  type ContactDraft,
  type EnvelopeDraft,
  type FieldProblems,
  type KeyDraft,
  type RunbookDraft,
} from './runbook-draft.ts';

type Change = (next: RunbookDraft) => void;

/** A list of rows (contacts, keys, envelopes): each row in its own group, removable; one button adds a row. */
function RowList<T>(props: {
  readonly rows: readonly T[];
  readonly onRows: (rows: readonly T[]) => void;
  readonly empty: T;
  readonly noun: string;
  readonly path: string;
  readonly problems: FieldProblems;
  readonly none: string;
  readonly row: (row: T, index: number, set: (row: T) => void) => ReactNode;
}) {
  const { rows, onRows, noun } = props;
  return (
    <>
      {rows.length === 0 ? <p className="quiet">{props.none}</p> : null}
      {rows.map((row, index) => (
        <fieldset key={index} className="row-group">
          <legend>
            {noun[0]!.toUpperCase() + noun.slice(1)} {index + 1}
          </legend>
          {props.row(row, index, (next) => onRows(rows.map((r, i) => (i === index ? next : r))))}
          <FieldProblem path={`${props.path}[${index}]`} problems={props.problems} label={`${noun} ${index + 1}`} />
          <p>
            <button type="button" className="secondary small" onClick={() => onRows(rows.filter((_, i) => i !== index))}>
              Remove {noun} {index + 1}
            </button>
          </p>
        </fieldset>
      ))}
      <p>
        <button type="button" className="secondary" onClick={() => onRows([...rows, props.empty])}>
          Add {/^[aeiou]/.test(noun) ? 'an' : 'a'} {noun}
        </button>
      </p>
    </>
  );
}

const contactsPath = '$.organisation.securityOperations.contacts';

function ContactRows({ draft, onChange, problems }: { draft: RunbookDraft; onChange: Change; problems: FieldProblems }) {
  return (
    <RowList<ContactDraft>
      rows={draft.contacts}
      onRows={(contacts) => onChange({ ...draft, contacts })}
      empty={emptyContact}
      noun="contact"
      path={contactsPath}
      problems={problems}
      none="No contacts yet. Add at least one that can be reached without the tenant: by phone, or by mail outside it."
      row={(c, i, set) => (
        <>
          <FormField
            path={`${contactsPath}[${i}].name`}
            label="Name or team"
            value={c.name}
            onChange={(name) => set({ ...c, name })}
            problems={problems}
          />
          <FormField
            path={`${contactsPath}[${i}].phone`}
            label="Phone number"
            type="tel"
            hint="A number that works without the tenant: a landline or mobile, not Teams calling."
            value={c.phone}
            onChange={(phone) => set({ ...c, phone })}
            problems={problems}
          />
          <FormField
            path={`${contactsPath}[${i}].email`}
            label="Email address (optional)"
            type="email"
            hint="Outside the tenant: its mail may be down or read by an attacker."
            value={c.email}
            onChange={(email) => set({ ...c, email })}
            problems={problems}
          />
          <FormField
            path={`${contactsPath}[${i}].note`}
            label="Note (optional)"
            hint="For example the hours this contact covers."
            value={c.note}
            onChange={(note) => set({ ...c, note })}
            problems={problems}
          />
        </>
      )}
    />
  );
}

function KeyRows({ draft, onChange, problems }: { draft: RunbookDraft; onChange: Change; problems: FieldProblems }) {
  return (
    <RowList<KeyDraft>
      rows={draft.keys}
      onRows={(keys) => onChange({ ...draft, keys })}
      empty={emptyKey}
      noun="security key"
      path="$.keys"
      problems={problems}
      none="No key labels yet."
      row={(k, i, set) => (
        <>
          <FormField
            path={`$.keys[${i}].label`}
            label="Label on the key"
            hint='For example "Safe key A1".'
            value={k.label}
            onChange={(label) => set({ ...k, label })}
            problems={problems}
          />
          <FormField
            path={`$.keys[${i}].account`}
            label="Break-glass account it is registered to"
            hint="name@domain"
            value={k.account}
            onChange={(account) => set({ ...k, account })}
            problems={problems}
          />
          <FormField
            path={`$.keys[${i}].location`}
            label="Kept elsewhere (optional)"
            hint="Where the key is when it is not in the main safe."
            value={k.location}
            onChange={(location) => set({ ...k, location })}
            problems={problems}
          />
        </>
      )}
    />
  );
}

function EnvelopeRows({ draft, onChange, problems }: { draft: RunbookDraft; onChange: Change; problems: FieldProblems }) {
  return (
    <RowList<EnvelopeDraft>
      rows={draft.envelopes}
      onRows={(envelopes) => onChange({ ...draft, envelopes })}
      empty={emptyEnvelope}
      noun="envelope"
      path="$.envelopes"
      problems={problems}
      none="No envelope labels yet."
      row={(e, i, set) => (
        <>
          <FormField
            path={`$.envelopes[${i}].label`}
            label="Label on the envelope"
            value={e.label}
            onChange={(label) => set({ ...e, label })}
            problems={problems}
          />
          <FormField
            path={`$.envelopes[${i}].account`}
            label="Break-glass account whose password it holds"
            hint="name@domain"
            value={e.account}
            onChange={(account) => set({ ...e, account })}
            problems={problems}
          />
        </>
      )}
    />
  );
}

/** The organisation's details of the runbook, one labelled field each. */
export function RunbookForm(props: { readonly draft: RunbookDraft; readonly onChange: Change; readonly problems: FieldProblems }) {
  const { draft, onChange, problems } = props;
  const certificate = draft.certificate;
  const setCertificate = (change: Partial<RunbookDraft['certificate']>) =>
    onChange({ ...draft, certificate: { ...certificate, ...change } });
  return (
    <>
      <section className="panel settings-part" aria-labelledby="organisation-heading">
        <h2 id="organisation-heading">Your organisation</h2>
        <FormField
          path="$.organisation.name"
          label="Organisation name"
          value={draft.name}
          onChange={(name) => onChange({ ...draft, name })}
          problems={problems}
        />
        <FormField
          path="$.organisation.safeLocation"
          label="Where the safe is"
          hint='For example "Building 2, room 014, grey safe".'
          value={draft.safeLocation}
          onChange={(safeLocation) => onChange({ ...draft, safeLocation })}
          problems={problems}
        />
        <FormField
          path="$.organisation.custodians"
          label="Custodians allowed to open the safe (one name a line, optional)"
          multiline
          value={draft.custodians}
          onChange={(custodians) => onChange({ ...draft, custodians })}
          problems={problems}
        />
      </section>
      <section className="panel settings-part" aria-labelledby="contacts-heading">
        <h2 id="contacts-heading">Security operations</h2>
        <FormField
          path="$.organisation.securityOperations.description"
          label="Who they are and when to call them"
          multiline
          value={draft.description}
          onChange={(description) => onChange({ ...draft, description })}
          problems={problems}
        />
        <ContactRows draft={draft} onChange={onChange} problems={problems} />
      </section>
      <section className="panel settings-part" aria-labelledby="keys-heading">
        <h2 id="keys-heading">Labels in the safe</h2>
        <h3>Security keys</h3>
        <KeyRows draft={draft} onChange={onChange} problems={problems} />
        <h3>Password envelopes</h3>
        <EnvelopeRows draft={draft} onChange={onChange} problems={problems} />
        <h3>The app certificate’s media</h3>
        <p className="quiet">Leave all three empty when there is no break-glass app.</p>
        <FormField
          path="$.appCertificate.label"
          label="Label on the media"
          hint={`For example "USB stick 'BG-APP'".`}
          value={certificate.label}
          onChange={(label) => setCertificate({ label })}
          problems={problems}
        />
        <FormField
          path="$.appCertificate.file"
          label="PFX file name on it"
          value={certificate.file}
          onChange={(file) => setCertificate({ file })}
          problems={problems}
        />
        <FormField
          path="$.appCertificate.passphraseEnvelope"
          label="Label of the envelope with the PFX passphrase"
          value={certificate.passphraseEnvelope}
          onChange={(passphraseEnvelope) => setCertificate({ passphraseEnvelope })}
          problems={problems}
        />
      </section>
    </>
  );
}
