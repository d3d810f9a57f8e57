import { useState } from 'react';

import { subjectKey, subjectLabel, type CheckResult, type CheckStatus } from '../../shared/model/checks.ts';
import type { ReadinessRunView } from '../../shared/model/readiness.ts';
import { ProblemPanel } from '../components/ProblemPanel.tsx';

const statusText: Record<CheckStatus, string> = { pass: 'Pass', warn: 'Warning', fail: 'Fail', indeterminate: 'Could not check' };

/** The screen's sections, by the area of the catalogue each id belongs to (the table in docs/domain.md, "The catalogue"). */
const groups: ReadonlyArray<{ readonly title: string; readonly prefixes: readonly string[] }> = [
  { title: 'Break-glass accounts', prefixes: ['BG-INV-', 'BG-USR-'] },
  { title: 'Break-glass app', prefixes: ['BG-APP-'] },
  { title: 'Conditional Access policies', prefixes: ['BG-CA-'] },
  { title: 'Monitoring', prefixes: ['BG-MON-'] },
  { title: 'Roles, reviews and drills', prefixes: ['BG-PIM-', 'BG-REV-'] },
  { title: 'Sign-in client', prefixes: ['BG-CLI-'] },
];

/** Every result is shown: one whose id no group names goes under "Other checks", never out of sight. */
function groupedResults<T extends { readonly id: string }>(results: readonly T[]): Array<{ readonly title: string; readonly items: T[] }> {
  const named = groups.map((group) => ({
    title: group.title,
    items: results.filter((r) => group.prefixes.some((prefix) => r.id.startsWith(prefix))),
  }));
  const other = results.filter((r) => !groups.some((group) => group.prefixes.some((prefix) => r.id.startsWith(prefix))));
  return [...named, { title: 'Other checks', items: other }].filter((group) => group.items.length > 0);
}

function verdictText(run: ReadinessRunView): { title: string; detail: string } {
  const { summary } = run;
  if (run.verdict === 'fail')
    return { title: 'Not ready', detail: `${summary.fail} check${summary.fail === 1 ? '' : 's'} failed. Fix them first: each says how.` };
  if (run.verdict === 'indeterminate')
    return {
      title: 'Not everything could be checked',
      detail: `${summary.indeterminate} check${summary.indeterminate === 1 ? '' : 's'} could not read what they need. Each says why.`,
    };
  if (run.verdict === 'warn')
    return { title: 'Ready, with warnings', detail: `${summary.warn} warning${summary.warn === 1 ? '' : 's'} to look at.` };
  return { title: 'Ready', detail: 'Every check passed.' };
}

function ResultRow({ result }: { readonly result: CheckResult }) {
  return (
    <li className={`result result-${result.status}`}>
      <details>
        <summary>
          <span className={`status status-${result.status}`}>{statusText[result.status]}</span>{' '}
          <span className="check-id">{result.id}</span> <strong>{subjectLabel(result.subject)}</strong>
          <span className="result-title"> – {result.title}</span>
        </summary>
        {result.evidence.length > 0 ? (
          <ul className="evidence">
            {result.evidence.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        ) : null}
        {result.remediation ? (
          <p>
            <strong>How to fix: </strong>
            {result.remediation}
          </p>
        ) : null}
      </details>
    </li>
  );
}

/** The verdict, the counts, a status filter, and the results grouped by what they are about. */
export function ReadinessResults(props: { readonly run: ReadinessRunView }) {
  const { run } = props;
  const [filter, setFilter] = useState<CheckStatus | 'all'>('all');
  const verdict = verdictText(run);
  const shown = run.results.filter((r) => filter === 'all' || r.status === filter);
  const filters: ReadonlyArray<CheckStatus | 'all'> = ['all', 'fail', 'indeterminate', 'warn', 'pass'];
  return (
    <section aria-labelledby="verdict-heading">
      {run.journalGap ? (
        <ProblemPanel
          title="The journal does not hold this whole run"
          message={run.journalGap.message}
          nextStep={run.journalGap.nextStep}
        />
      ) : null}
      <div className={`panel verdict verdict-${run.verdict}`}>
        <h2 id="verdict-heading">{verdict.title}</h2>
        <p>{verdict.detail}</p>
        <p className="quiet">
          {run.summary.pass} pass · {run.summary.warn} warning · {run.summary.fail} fail · {run.summary.indeterminate} could not check –
          finished {new Date(run.finishedAt).toUTCString()}
          {run.journalHead ? ` · journal chain head ${run.journalHead.slice(0, 16)}…` : ''}
        </p>
      </div>
      <div className="actions" role="group" aria-label="Show results">
        {filters.map((status) => (
          <button
            key={status}
            type="button"
            className={filter === status ? 'action small' : 'secondary small'}
            aria-pressed={filter === status}
            onClick={() => setFilter(status)}
          >
            {status === 'all' ? `All (${run.results.length})` : `${statusText[status]} (${run.summary[status]})`}
          </button>
        ))}
      </div>
      {groupedResults(shown).map(({ title, items }) => (
        <section key={title} className="result-group">
          <h3>{title}</h3>
          <ul className="results">
            {items.map((result, i) => (
              <ResultRow key={`${result.id}-${subjectKey(result.subject)}-${i}`} result={result} />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
