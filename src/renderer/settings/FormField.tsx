import type { ReactNode } from 'react';

import type { FieldProblems } from './runbook-draft.ts';

/** The element id of the field at a JSON path. */
export const fieldId = (path: string) => `field${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

/** The problems the format check found at `path`, under the field they belong to. */
export function FieldProblem(props: { readonly path: string; readonly problems: FieldProblems; readonly label: string }) {
  const found = props.problems.get(props.path);
  if (!found) return null;
  return (
    <span id={`${fieldId(props.path)}-problem`} className="field-problem">
      {props.label}: {found.join('; ')}.
    </span>
  );
}

/**
 * One labelled field of the Settings form: its hint, and the message the format check gives for
 * it (`aria-invalid` and described by the message, so a screen reader reads both).
 */
export function FormField(props: {
  readonly path: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly problems: FieldProblems;
  readonly hint?: ReactNode;
  readonly multiline?: boolean;
  readonly type?: 'text' | 'tel' | 'email';
  readonly autoComplete?: string;
}) {
  const id = fieldId(props.path);
  const invalid = props.problems.has(props.path);
  const describedBy = [props.hint ? `${id}-hint` : '', invalid ? `${id}-problem` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value: props.value,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    autoComplete: props.autoComplete ?? 'off',
  };
  return (
    <div className={invalid ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <span id={`${id}-hint`} className="field-hint">
          {props.hint}
        </span>
      ) : null}
      {props.multiline ? (
        <textarea {...common} rows={3} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input {...common} type={props.type ?? 'text'} onChange={(e) => props.onChange(e.target.value)} />
      )}
      <FieldProblem path={props.path} problems={props.problems} label={props.label} />
    </div>
  );
}
