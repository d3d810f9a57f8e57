import type { CheckStatus } from '../../shared/model/checks.ts';
import { hasIds, namesSubject, withoutIds } from './plain-words.ts';
import { TechnicalDetails } from './TechnicalDetails.tsx';

export const statusText: Record<CheckStatus, string> = { pass: 'Pass', warn: 'Warning', fail: 'Fail', indeterminate: 'Could not check' };

/** Worst first: what blocks readiness, then what could not be read, then warnings, then what passed. */
export const statusOrder: readonly CheckStatus[] = ['fail', 'indeterminate', 'warn', 'pass'];

export type Finding = {
  readonly status: CheckStatus;
  readonly id: string;
  readonly subject: string;
  readonly title: string;
  readonly fix?: string | undefined;
  readonly evidence?: readonly string[];
};

/**
 * One finding as a custodian reads it: its status, then the fix, then what is wrong and about what;
 * the check id, the evidence and the text with its ids and resource paths are in the details.
 */
export function FindingRow({ finding }: { readonly finding: Finding }) {
  const { status, fix, title, subject } = finding;
  const evidence = finding.evidence ?? [];
  return (
    <li className={`result result-${status}`}>
      <p className="result-line">
        <span className={`status status-${status}`}>{statusText[status]}</span>{' '}
        {fix && status !== 'pass' ? (
          <span className="result-fix">
            <strong>{status === 'indeterminate' ? 'To check it: ' : 'How to fix: '}</strong>
            {withoutIds(fix)}
          </span>
        ) : (
          <span className="result-title">{withoutIds(title)}</span>
        )}
      </p>
      {fix && status !== 'pass' ? (
        <p className="result-what">
          {withoutIds(title)}
          {namesSubject(title, subject) ? null : <span className="quiet"> ({withoutIds(subject)})</span>}
        </p>
      ) : namesSubject(title, subject) ? null : (
        <p className="result-what quiet">{withoutIds(subject)}</p>
      )}
      <TechnicalDetails>
        <p>
          Check <span className="check-id">{finding.id}</span> · {subject}
        </p>
        {hasIds(title) ? <p>{title}</p> : null}
        {evidence.length > 0 ? (
          <ul className="evidence">
            {evidence.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        ) : null}
        {fix && hasIds(fix) ? (
          <p>
            <strong>The fix in full: </strong>
            {fix}
          </p>
        ) : null}
      </TechnicalDetails>
    </li>
  );
}
