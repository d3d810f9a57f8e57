import { useCallback, useState } from 'react';

import {
  badEntriesLine,
  headWitnessLine,
  type ChainStatus,
  type JournalExportFormat,
  type JournalExportResult,
} from '../../shared/model/journal-view.ts';
import { localTime, sessionKindName } from '../../shared/journal-words.ts';
import type { IpcClient } from '../app/ipc-client.ts';
import { ProblemPanel } from '../components/ProblemPanel.tsx';
import { ScreenFrame } from '../components/ScreenFrame.tsx';
import { explainError, useLoaded } from '../components/useLoaded.ts';
import { ChainHeadSheet } from './ChainHeadSheet.tsx';
import { CopyableHash } from './CopyableHash.tsx';
import { NoteForm } from './NoteForm.tsx';
import { SessionTimeline } from './SessionTimeline.tsx';

/** A long list of breaks is cut short on screen; the command line lists them all. */
const shownBadEntries = 20;

const exportLabels: Record<JournalExportFormat, string> = { md: 'Markdown', csv: 'CSV', json: 'JSON' };

type Outcome = { readonly kind: 'ok' | 'problem'; readonly text: string };

export function JournalScreen(props: { readonly client: IpcClient; readonly onBack: () => void }) {
  const { client, onBack } = props;
  const loadOverview = useCallback(() => client.invoke('journal:overview', {}), [client]);
  const [overview, reload] = useLoaded(loadOverview);
  const [selected, setSelected] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<ChainStatus | { problem: string } | null>(null);
  const [exported, setExported] = useState<Outcome | null>(null);
  const [working, setWorking] = useState<string | null>(null);
  const verify = () => {
    setVerdict(null);
    setWorking('Verifying the chain: every entry is read and its hash checked…');
    client
      .invoke('journal:verify', {})
      .then(setVerdict, (error: unknown) => setVerdict({ problem: explainError(error).message }))
      .finally(() => setWorking(null));
  };
  const exportAs = (format: JournalExportFormat) => {
    setExported(null);
    setWorking(`Exporting the journal as ${exportLabels[format]}…`);
    client
      .invoke('journal:export', { format })
      .then(
        (result: JournalExportResult) =>
          setExported({ kind: 'ok', text: `Saved ${result.entryCount} entries as ${exportLabels[format]} to ${result.file}` }),
        (error: unknown) => setExported({ kind: 'problem', text: explainError(error).message }),
      )
      .finally(() => setWorking(null));
  };

  if (selected) {
    return <SessionTimeline client={client} sessionId={selected} onBack={() => setSelected(null)} />;
  }

  return (
    <ScreenFrame heading="Journal" onBack={onBack} back={{ at: 'top', label: 'Back to the home screen' }}>
      {overview.kind === 'loading' ? <p className="quiet">Loading…</p> : null}
      {overview.kind === 'failed' ? (
        <ProblemPanel title="The journal could not be read" message={overview.message} nextStep={overview.nextStep} />
      ) : null}
      {overview.kind === 'loaded' && overview.value.setAside.length > 0 ? (
        <section className="panel panel-problem" aria-labelledby="set-aside-heading">
          <h2 id="set-aside-heading">A journal was set aside, untouched</h2>
          <p>The app did not write to these files and keeps recording in {overview.value.file}.</p>
          <ul>
            {overview.value.setAside.map((item) => (
              <li key={item.file}>
                <span className="path">{item.file}</span>: {item.problem}
              </li>
            ))}
          </ul>
          <p>
            <strong>What to do now: </strong>keep the set-aside file unchanged as evidence; check it with{' '}
            <code>breakglass journal verify FILE</code>.
          </p>
        </section>
      ) : null}
      {overview.kind === 'loaded' && overview.value.state === 'unavailable' ? (
        <ProblemPanel title="No journal is open" message={overview.value.problem} nextStep={overview.value.nextStep} />
      ) : null}
      {overview.kind === 'loaded' && overview.value.state === 'ready' ? (
        <>
          <section className="panel" aria-labelledby="chain-heading">
            <h2 id="chain-heading">Chain</h2>
            <dl className="facts">
              <div>
                <dt>File</dt>
                <dd className="path">{overview.value.file}</dd>
              </div>
              <div>
                <dt>Entries</dt>
                <dd>{overview.value.entryCount}</dd>
              </div>
              <div>
                <dt>Chain head (write it on the paper record)</dt>
                <dd>
                  <CopyableHash hash={overview.value.head} />
                </dd>
              </div>
              <div>
                <dt>Chain head witness</dt>
                <dd className={overview.value.headWitness.state === 'failed' ? 'warning' : undefined}>
                  {headWitnessLine(overview.value.headWitness)}
                </dd>
              </div>
            </dl>
            <div className="actions">
              <button type="button" className="action" onClick={verify} disabled={working !== null}>
                Verify the chain
              </button>
              <button type="button" className="secondary" onClick={() => window.print()}>
                Print the chain head for the paper record
              </button>
              {(['md', 'csv', 'json'] as const).map((format) => (
                <button key={format} type="button" className="secondary" onClick={() => exportAs(format)} disabled={working !== null}>
                  Export {exportLabels[format]}
                </button>
              ))}
            </div>
            <div aria-live="polite" aria-busy={working !== null}>
              {working ? <p className="busy">{working}</p> : null}
              {verdict && 'problem' in verdict ? <p className="warning">{verdict.problem}</p> : null}
              {verdict && 'intact' in verdict && verdict.intact ? (
                <p className="success">
                  Chain intact: all {verdict.count} entries check out (verified {localTime(verdict.checkedAt)}).
                </p>
              ) : null}
              {verdict && 'intact' in verdict && !verdict.intact ? (
                <div className="warning" role="alert">
                  <p>
                    Chain broken at entry {verdict.firstBadSeq}: {verdict.reason} Keep the file unchanged as evidence.
                  </p>
                  <p>{badEntriesLine(verdict.badEntries.map((bad) => bad.seq))}.</p>
                  {verdict.badEntries.length > 1 ? (
                    <ul>
                      {verdict.badEntries.slice(0, shownBadEntries).map((bad, index) => (
                        <li key={index}>
                          #{bad.seq}: {bad.reason}
                        </li>
                      ))}
                      {verdict.badEntries.length > shownBadEntries ? (
                        <li>… and {verdict.badEntries.length - shownBadEntries} more: "breakglass journal verify" lists every one.</li>
                      ) : null}
                    </ul>
                  ) : null}
                </div>
              ) : null}
              {exported ? <p className={exported.kind === 'ok' ? 'success' : 'warning'}>{exported.text}</p> : null}
            </div>
          </section>

          <section aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">Sessions</h2>
            {overview.value.sessions.length === 0 ? <p className="quiet">Nothing recorded yet.</p> : null}
            <ul className="session-list">
              {overview.value.sessions.map((session) => (
                <li key={session.id}>
                  <button type="button" className="session" onClick={() => setSelected(session.id)}>
                    <span className="session-title">{session.title}</span>
                    <span className="quiet">
                      {sessionKindName(session.kind)} · opened {localTime(session.openedAt)} by {session.openedBy}
                      {session.witness ? `, witness ${session.witness}` : ''} ·{' '}
                      {session.closedAt ? `closed ${localTime(session.closedAt)}` : 'still open'}
                      {session.classification ? ` · ${session.classification}` : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>

          <NoteForm client={client} onRecorded={reload} />
          <ChainHeadSheet head={overview.value.head} entryCount={overview.value.entryCount} file={overview.value.file} />
        </>
      ) : null}
    </ScreenFrame>
  );
}
