import { useCallback } from 'react';

import type { IpcClient } from '../app/ipc-client.ts';
import { ProblemPanel } from '../components/ProblemPanel.tsx';
import { ScreenFrame } from '../components/ScreenFrame.tsx';
import { useLoaded } from '../components/useLoaded.ts';

/** One session's entries in order, as an auditor reads them. */
export function SessionTimeline(props: { readonly client: IpcClient; readonly sessionId: string; readonly onBack: () => void }) {
  const { client, sessionId, onBack } = props;
  const load = useCallback(() => client.invoke('journal:session', { sessionId }), [client, sessionId]);
  const [detail] = useLoaded(load);
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
            {detail.value.session.kind} · opened {detail.value.session.openedAt} by {detail.value.session.openedBy}
            {detail.value.session.witness ? `, witness ${detail.value.session.witness}` : ''} ·{' '}
            {detail.value.session.closedAt ? `closed ${detail.value.session.closedAt}` : 'still open'}
          </p>
          <ol className="timeline">
            {detail.value.entries.map((entry) => (
              <li key={entry.seq}>
                <div className="timeline-head">
                  <span className="seq">#{entry.seq}</span> <time dateTime={entry.at}>{entry.at}</time> ·{' '}
                  <span className="kind">{entry.kind}</span> · {entry.actor}
                  {entry.witness ? ` (witness ${entry.witness})` : ''}
                </div>
                <p className="timeline-summary">{entry.summary}</p>
                {entry.graphRequestIds ? <p className="quiet">Microsoft Graph request ids: {entry.graphRequestIds.join(', ')}</p> : null}
                {Object.keys(entry.data).length > 0 ? (
                  <details>
                    <summary>Recorded data</summary>
                    <pre className="data">{JSON.stringify(entry.data, null, 2)}</pre>
                  </details>
                ) : null}
                <p className="quiet hash-line">hash {entry.hash}</p>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </ScreenFrame>
  );
}
