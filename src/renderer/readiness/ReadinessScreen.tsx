import { useCallback, useState, type FormEvent } from 'react';

import type { ReadinessOptions, ReadinessRunView } from '../../shared/model/readiness.ts';
import { localTime } from '../../shared/journal-words.ts';
import type { IpcClient } from '../app/ipc-client.ts';
import { CopyableText } from '../components/CopyableText.tsx';
import { ProblemPanel } from '../components/ProblemPanel.tsx';
import { ScreenFrame } from '../components/ScreenFrame.tsx';
import { explainError, useLoaded } from '../components/useLoaded.ts';
import { ReadinessResults } from './ReadinessResults.tsx';
import { useReadinessRun } from './useReadinessRun.ts';

/**
 * Check readiness: run the whole catalogue as the read-only reader app, watch its progress, read
 * the verdict and each finding with its evidence and fix, export it, and look at earlier runs.
 */
export function ReadinessScreen(props: { readonly client: IpcClient; readonly onBack: () => void }) {
  const { client, onBack } = props;
  const load = useCallback(() => client.invoke('readiness:options', {}), [client]);
  const [options, reload] = useLoaded(load);
  const [shown, setShown] = useState<ReadinessRunView | null>(null);
  const [problem, setProblem] = useState<{ message: string; nextStep: string } | null>(null);
  const onDone = useCallback(
    (run: ReadinessRunView) => {
      setShown(run);
      reload();
    },
    [reload],
  );
  const { progress, begin } = useReadinessRun(client, { onDone, onProblem: setProblem });

  const start = (actor: string, passphrase: string) => {
    setProblem(null);
    setShown(null);
    begin(() => client.invoke('readiness:start', { actor, ...(passphrase ? { passphrase } : {}) }));
  };

  const showRun = (sessionId: string) => {
    client.invoke('readiness:run', { sessionId }).then(setShown, (error: unknown) => setProblem(explainError(error)));
  };

  const running = progress?.state === 'running';
  return (
    <ScreenFrame heading="Check readiness" onBack={onBack} back={{ at: 'bottom' }}>
      {options.kind === 'loaded' ? (
        <p className="quiet">
          Tenant: {options.value.tenantLabel}. The checks sign in as the read-only reader app – never with a break-glass credential.
        </p>
      ) : null}
      {options.kind === 'failed' ? (
        <ProblemPanel title="The readiness options could not be read" message={options.message} nextStep={options.nextStep} />
      ) : null}
      {problem ? <ProblemPanel title="Something went wrong" message={problem.message} nextStep={problem.nextStep} /> : null}
      {options.kind === 'loaded' && options.value.problem ? (
        <ProblemPanel
          title="The checks cannot run here yet"
          message={options.value.problem.message}
          nextStep={options.value.problem.nextStep}
        />
      ) : null}
      {running ? (
        <section className="panel" aria-live="polite" aria-busy="true">
          <h2 className="busy">Checking…</h2>
          <progress value={progress.done} max={progress.total} aria-label="Progress of the readiness check" />
          <p>{progress.step}</p>
        </section>
      ) : null}
      {progress?.state === 'failed' ? (
        <ProblemPanel title="The readiness check did not finish" message={progress.message} nextStep={progress.nextStep} />
      ) : null}
      {shown ? (
        <>
          <ReadinessResults run={shown} />
          {shown.sessionId ? <ExportButtons client={client} sessionId={shown.sessionId} /> : null}
        </>
      ) : null}
      {options.kind === 'loaded' && options.value.reader && !running ? (
        <RunForm options={options.value} onStart={start} again={shown !== null} />
      ) : null}
      {options.kind === 'loaded' ? <History options={options.value} onShow={showRun} /> : null}
      {options.kind === 'loaded' && options.value.alertQueries ? <Tools client={client} options={options.value} /> : null}
    </ScreenFrame>
  );
}

/** Below the results once there are some: fixing them comes first, running again is the next thing to do. */
function RunForm(props: {
  readonly options: ReadinessOptions;
  readonly onStart: (actor: string, passphrase: string) => void;
  readonly again: boolean;
}) {
  const [actor, setActor] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onStart(actor, passphrase);
    setPassphrase('');
  };
  const reader = props.options.reader!;
  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="run-heading">
      <h2 id="run-heading">{props.again ? 'After fixing: run the checks again' : 'Run the checks'}</h2>
      <label>
        Your name (for the journal)
        <input value={actor} onChange={(e) => setActor(e.target.value)} required autoComplete="off" />
      </label>
      {reader.source === 'file' ? (
        <label>
          Passphrase of the reader certificate {reader.certificatePath ? `(${reader.certificatePath})` : ''}, if it has one
          <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" />
        </label>
      ) : (
        <p className="quiet">The reader app signs in with the simulated tenant’s reader certificate.</p>
      )}
      <button type="submit" className="action">
        {props.again ? 'Run the checks again' : 'Run the checks'}
      </button>
    </form>
  );
}

function ExportButtons(props: { readonly client: IpcClient; readonly sessionId: string }) {
  const [note, setNote] = useState('');
  const save = (format: 'md' | 'json') =>
    props.client.invoke('readiness:export', { sessionId: props.sessionId, format }).then(
      ({ file }) => setNote(`Saved ${file}`),
      (error: unknown) => setNote(explainError(error).message),
    );
  return (
    <div className="actions">
      <button type="button" className="secondary" onClick={() => void save('md')}>
        Export as Markdown
      </button>
      <button type="button" className="secondary" onClick={() => void save('json')}>
        Export as JSON
      </button>
      <span className="quiet" aria-live="polite">
        {note}
      </span>
    </div>
  );
}

function History(props: { readonly options: ReadinessOptions; readonly onShow: (sessionId: string) => void }) {
  if (props.options.history.length === 0) return null;
  return (
    <section className="panel spaced" aria-labelledby="history-heading">
      <h2 id="history-heading">Earlier checks (from the journal)</h2>
      <ul className="history">
        {props.options.history.map((item) => (
          <li key={item.sessionId}>
            <button type="button" className="link-button" onClick={() => props.onShow(item.sessionId)}>
              {localTime(item.at)}
            </button>{' '}
            – {item.summary.fail} fail, {item.summary.warn} warning, {item.summary.indeterminate} could not check, {item.summary.pass} pass{' '}
            <span className="quiet">({item.actor})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Tools(props: { readonly client: IpcClient; readonly options: ReadinessOptions }) {
  const [note, setNote] = useState('');
  const queries = props.options.alertQueries!;
  const save = (kind: 'maester' | 'sentinel-watchlist') =>
    props.client.invoke('readiness:toolExport', { kind }).then(
      ({ file }) => setNote(`Saved ${file}`),
      (error: unknown) => setNote(explainError(error).message),
    );
  return (
    <section className="panel spaced" aria-labelledby="tools-heading">
      <h2 id="tools-heading">Alerting and other tools</h2>
      <p>An alert on every break-glass sign-in (Log Analytics query for a Sev-0 alert rule):</p>
      <CopyableText label="the query for the break-glass accounts" text={queries.accounts} />
      {queries.app ? (
        <>
          <p>An alert on every sign-in of the break-glass app:</p>
          <CopyableText label="the query for the break-glass app" text={queries.app} />
        </>
      ) : null}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void save('maester')}>
          Save Maester’s EmergencyAccessAccounts config
        </button>
        <button type="button" className="secondary" onClick={() => void save('sentinel-watchlist')}>
          Save a Sentinel watchlist (CSV)
        </button>
        <span className="quiet" aria-live="polite">
          {note}
        </span>
      </div>
    </section>
  );
}
