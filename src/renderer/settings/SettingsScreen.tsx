import { useCallback, useEffect, useState } from 'react';

import type { IpcClient } from '../app/ipc-client.ts';
import { ProblemPanel } from '../components/ProblemPanel.tsx';
import { explainError, useLoaded } from '../components/useLoaded.ts';
import { ScreenFrame } from '../components/ScreenFrame.tsx';

/**
 * Settings: the runbook file – the incident steps' texts and the organisation's own details
 * (security operations contacts, where the safe is, key labels). Saved only when it fits the
 * format; otherwise the reason is shown and the file is left as it was.
 */
export function SettingsScreen(props: { readonly client: IpcClient; readonly onBack: () => void }) {
  const { client, onBack } = props;
  const load = useCallback(() => client.invoke('settings:runbook', {}), [client]);
  const [loaded, reload] = useLoaded(load);
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string; nextStep?: string } | null>(null);
  useEffect(() => {
    if (loaded.kind === 'loaded') setText(`${JSON.stringify(loaded.value.runbook, null, 2)}\n`);
  }, [loaded]);

  const save = () => {
    setOutcome(null);
    let content: unknown;
    try {
      content = JSON.parse(text);
    } catch (error) {
      setOutcome({
        ok: false,
        message: `This is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`,
        nextStep: 'Fix the text at the position named, then save again. Nothing was saved.',
      });
      return;
    }
    client.invoke('settings:saveRunbook', { content }).then(
      (saved) => {
        setOutcome({ ok: true, message: `Saved to ${saved.path}.` });
        reload();
      },
      (error: unknown) => setOutcome({ ok: false, ...explainError(error) }),
    );
  };

  return (
    <ScreenFrame heading="Settings" onBack={onBack} back={{ at: 'bottom' }}>
      {loaded.kind === 'failed' ? (
        <ProblemPanel title="The settings could not be read" message={loaded.message} nextStep={loaded.nextStep} />
      ) : null}
      {loaded.kind === 'loaded' ? (
        <section className="panel form" aria-labelledby="runbook-heading">
          <h2 id="runbook-heading">The runbook</h2>
          <p>
            {loaded.value.source === 'file'
              ? 'Your runbook file is in use: '
              : 'The built-in runbook is in use. Saving here creates your runbook file: '}
            <span className="path">{loaded.value.path}</span>
          </p>
          {loaded.value.problem ? (
            <p className="warning">
              {loaded.value.problem.message} {loaded.value.problem.nextStep}
            </p>
          ) : null}
          <p className="quiet">
            Fill in your organisation: the security operations contacts (reachable without the tenant: phone, or mail outside it), where the
            safe is, the labels of the keys and envelopes, and the app certificate’s media. Texts may use {'{organisation}'} and{' '}
            {'{safeLocation}'}.
          </p>
          <label>
            Runbook (JSON, format version 1)
            <textarea className="code" value={text} onChange={(e) => setText(e.target.value)} rows={24} spellCheck={false} />
          </label>
          <p className="actions">
            <button type="button" className="action" onClick={save}>
              Save the runbook
            </button>
          </p>
          {outcome ? (
            <p className={outcome.ok ? 'success' : 'warning'} role={outcome.ok ? 'status' : 'alert'}>
              {outcome.message} {outcome.nextStep ?? ''}
            </p>
          ) : null}
        </section>
      ) : null}
    </ScreenFrame>
  );
}
