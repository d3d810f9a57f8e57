import { useState } from 'react';

import { subjectKey, subjectLabel, type CheckResult, type CheckStatus } from '../../shared/model/checks.ts';
import type { ReadinessRunView } from '../../shared/model/readiness.ts';
import { inGroupsOfFour, localTime } from '../../shared/journal-words.ts';
import { FindingRow, statusOrder, statusText, type Finding } from '../components/FindingRow.tsx';
import { ProblemPanel } from '../components/ProblemPanel.tsx';

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

function toFinding(result: CheckResult): Finding {
  return {
    status: result.status,
    id: result.id,
    subject: subjectLabel(result.subject),
    title: result.title,
    fix: result.remediation,
    evidence: result.evidence,
  };
}

const sectionTitles: Record<CheckStatus, string> = {
  fail: 'Fix these first',
  indeterminate: 'Could not be checked',
  warn: 'Warnings',
  pass: 'Passed',
};

function Rows({ results }: { readonly results: readonly CheckResult[] }) {
  return (
    <ul className="results">
      {results.map((result, i) => (
        <FindingRow key={`${result.id}-${subjectKey(result.subject)}-${i}`} finding={toFinding(result)} />
      ))}
    </ul>
  );
}

/**
 * The verdict, the counts, a status filter, and the results worst first – what fails, what could not
 * be checked, the warnings – each leading with its fix; what passed is grouped by what it is about.
 */
export function ReadinessResults(props: { readonly run: ReadinessRunView }) {
  const { run } = props;
  const [filter, setFilter] = useState<CheckStatus | 'all'>('all');
  const verdict = verdictText(run);
  const shown = run.results.filter((r) => filter === 'all' || r.status === filter);
  const filters: ReadonlyArray<CheckStatus | 'all'> = ['all', ...statusOrder];
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
          finished {localTime(run.finishedAt)}
          {run.journalHead ? ` · journal chain head ${inGroupsOfFour(run.journalHead.slice(0, 16))} …` : ''}
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
      {statusOrder.map((status) => {
        const items = shown.filter((r) => r.status === status);
        if (items.length === 0) return null;
        return (
          <section key={status} className={`result-section result-section-${status}`} aria-labelledby={`results-${status}`}>
            <h3 id={`results-${status}`}>
              {sectionTitles[status]} ({items.length})
            </h3>
            {status === 'pass' ? (
              groupedResults(items).map(({ title, items: grouped }) => (
                <section key={title} className="result-group">
                  <h4>{title}</h4>
                  <Rows results={grouped} />
                </section>
              ))
            ) : (
              <Rows results={groupedResults(items).flatMap((group) => group.items)} />
            )}
          </section>
        );
      })}
    </section>
  );
}
