import { useCallback, useState } from 'react';

import { entryKindName, inGroupsOfFour, localTime, sessionKindName } from '../../shared/journal-words.ts';
import type { IpcClient } from '../app/ipc-client.ts';
import { ProblemPanel } from '../components/ProblemPanel.tsx';
import { ScreenFrame } from '../components/ScreenFrame.tsx';
import { useLoaded } from '../components/useLoaded.ts';

/** One session's entries in order, as an auditor reads them, with a filter by kind of entry. */
export function SessionTimeline(props: { readonly client: IpcClient; readonly sessionId: string; readonly onBack: () => void }) {
  const { client, sessionId, onBack } = props;
  const load = useCallback(() => client.invoke('journal:session', { sessionId }), [client, sessionId]);
  const [detail] = useLoaded(load);
  const [kind, setKind] = useState('all');
  const entries = detail.kind === 'loaded' ? detail.value.entries : [];
  const kinds = [...new Set(entries.map((entry) => entry.kind))];
  const shown = entries.filter((entry) => kind === 'all' || entry.kind === kind);
  return (
    <ScreenFrame
      heading={detail.kind === 'loaded' ? detail.value.session.title : 'Session'}
      focusKey={detail.kind}
      onBack={onBack}
      back={{ at: 'top', label: '← All sessions' }}
    >
      {detail.kind === 'loading' ? <p className="quiet">Loading…</p> : null}
      {detail.kind === 'failed' ? (
        <ProblemPanel title="This session could not be read" message={detail.message} nextStep={detail.nextStep} />
      ) : null}
      {detail.kind === 'loaded' ? (
        <>
          <p className="quiet">
            {sessionKindName(detail.value.session.kind)} · opened {localTime(detail.value.session.openedAt)} by{' '}
            {detail.value.session.openedBy}
            {detail.value.session.witness ? `, witness ${detail.value.session.witness}` : ''} ·{' '}
            {detail.value.session.closedAt ? `closed ${localTime(detail.value.session.closedAt)}` : 'still open'}
          </p>
          <div className="form timeline-filter">
            <label>
              Show
              <select value={kind} onChange={(event) => setKind(event.target.value)}>
                <option value="all">Every entry ({entries.length})</option>
                {kinds.map((k) => (
                  <option key={k} value={k}>
                    {entryKindName(k)} ({entries.filter((entry) => entry.kind === k).length})
                  </option>
                ))}
              </select>
            </label>
          </div>
          <ol className="timeline" aria-label="Entries">
            {shown.map((entry) => (
              <li key={entry.seq}>
                <div className="timeline-head">
                  <span className="seq">#{entry.seq}</span> <time dateTime={entry.at}>{localTime(entry.at)}</time> ·{' '}
                  <span className="kind">{entryKindName(entry.kind)}</span> · {entry.actor}
                  {entry.witness ? ` (witness ${entry.witness})` : ''}
                </div>
                <p className="timeline-summary">{entry.summary}</p>
                <details>
                  <summary>Details</summary>
                  <dl className="facts">
                    <div>
                      <dt>Kind</dt>
                      <dd className="path">{entry.kind}</dd>
                    </div>
                    <div>
                      <dt>Time (UTC)</dt>
                      <dd className="path">{entry.at}</dd>
                    </div>
                    {entry.graphRequestIds ? (
                      <div>
                        <dt>Microsoft Graph request ids</dt>
                        <dd className="path">{entry.graphRequestIds.join(', ')}</dd>
                      </div>
                    ) : null}
                    <div>
                      <dt>Hash</dt>
                      <dd className="path">{inGroupsOfFour(entry.hash)}</dd>
                    </div>
                  </dl>
                  {Object.keys(entry.data).length > 0 ? <pre className="data">{JSON.stringify(entry.data, null, 2)}</pre> : null}
                </details>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </ScreenFrame>
  );
}
