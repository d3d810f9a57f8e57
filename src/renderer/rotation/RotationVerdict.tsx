import { useEffect, useRef } from 'react';

import type { ActiveRotationView } from '../../shared/model/rotation.ts';
import { FindingRow } from '../components/FindingRow.tsx';
import { TechnicalDetails } from '../components/TechnicalDetails.tsx';

/** The rotation's end: the verdict that closed it and what still fails, each with its fix first; what changed; the next thing to do. */
export function RotationVerdictPanel(props: {
  readonly rotation: ActiveRotationView;
  readonly onHome: () => void;
  readonly onJournal: () => void;
  readonly onReadiness: () => void;
}) {
  const { rotation } = props;
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const closed = rotation.closed;
  const verdict = closed?.verdict;
  const fact = (stepId: string, name: string) => {
    const value = rotation.steps.find((s) => s.id === stepId)?.facts?.[name];
    return typeof value === 'string' ? value : undefined;
  };
  const thumbprint = fact('app-old-keys-removed', 'thumbprint') ?? fact('app-certificate-saved', 'thumbprint');
  const notAfter = fact('app-old-keys-removed', 'notAfter') ?? fact('app-certificate-saved', 'notAfter');
  const path = fact('app-certificate-saved', 'path');
  const warnings = rotation.steps.map((s) => s.facts?.['warning']).filter((w): w is string => typeof w === 'string');
  return (
    <section className={`panel ${verdict?.sound ? 'panel-success' : 'panel-problem'}`} aria-labelledby="verdict-heading">
      <h2 id="verdict-heading" ref={headingRef} tabIndex={-1}>
        {closed?.abandoned
          ? 'The rotation was stopped'
          : verdict?.sound
            ? 'Rotation complete: the break-glass setup is sound'
            : 'Rotation complete, but the setup is not sound yet'}
      </h2>
      {closed?.abandoned ? (
        <p>Reason recorded: {closed.abandoned}. What was done stays done; begin a new rotation to finish the rest.</p>
      ) : null}
      {verdict && verdict.failing.length > 0 ? (
        <>
          <p>Fix these, then run Check readiness again:</p>
          <ul className="results">
            {verdict.failing.map((f) => (
              <FindingRow key={`${f.id}-${f.subject}`} finding={{ ...f, status: f.status ?? 'fail', fix: f.remediation }} />
            ))}
          </ul>
        </>
      ) : null}
      {verdict ? (
        <p className="quiet">
          Readiness check: {verdict.summary.fail} fail, {verdict.summary.indeterminate} could not check, {verdict.summary.warn} warning,{' '}
          {verdict.summary.pass} pass.
        </p>
      ) : null}
      {verdict && verdict.warnings.length > 0 ? (
        <details>
          <summary>
            {verdict.warnings.length} warning{verdict.warnings.length === 1 ? '' : 's'} worth fixing
          </summary>
          <ul className="results">
            {verdict.warnings.map((w) => (
              <FindingRow key={`${w.id}-${w.subject}`} finding={{ status: 'warn', ...w, fix: w.remediation }} />
            ))}
          </ul>
        </details>
      ) : null}
      <dl className="facts">
        {rotation.app && thumbprint ? (
          <>
            <dt>New app certificate</dt>
            <dd>
              In place and proven{notAfter ? `, valid to ${notAfter.slice(0, 10)}` : ''}
              {path ? (
                <>
                  , saved to <span className="path">{path}</span>
                </>
              ) : null}
              .
              <TechnicalDetails>
                <p>
                  Thumbprint (SHA-1) <span className="path">{thumbprint}</span>
                </p>
              </TechnicalDetails>
            </dd>
          </>
        ) : null}
        {rotation.accounts.map((account) => (
          <div key={account}>
            <dt>{account}</dt>
            <dd>
              {rotation.steps.filter((s) => s.account === account).every((s) => s.status === 'done')
                ? rotation.steps.some((s) => s.account === account && s.kind === 'account-certificate-replaced')
                  ? 'New password set, sessions revoked, methods reviewed, new certificate bound, key back in the safe.'
                  : 'New password set, sessions revoked, methods reviewed, key back in the safe.'
                : 'Not every step was done; see the journal.'}
            </dd>
          </div>
        ))}
      </dl>
      {warnings.map((w) => (
        <p key={w} className="warning">
          {w}
        </p>
      ))}
      <p className="actions">
        {verdict && !verdict.sound ? (
          <button type="button" className="action" onClick={props.onReadiness}>
            Check readiness again after fixing
          </button>
        ) : null}
        <button type="button" className={verdict && !verdict.sound ? 'secondary' : 'action'} onClick={props.onJournal}>
          Open the journal
        </button>
        <button type="button" className="secondary" onClick={props.onHome}>
          Home
        </button>
      </p>
    </section>
  );
}
