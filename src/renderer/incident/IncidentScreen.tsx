import { useCallback, useEffect, useState } from 'react';

import type { IncidentView } from '../../shared/model/incident.ts';
import { runbookStepIds } from '../../shared/model/runbook.ts';
import type { IpcClient } from '../app/ipc-client.ts';
import { ProblemPanel } from '../components/ProblemPanel.tsx';
import { explainError, useLoaded } from '../components/useLoaded.ts';
import { ScreenFrame } from '../components/ScreenFrame.tsx';
import { useElapsed } from '../components/useElapsed.ts';
import { HandOver, OpenIncidentForm } from './OpenAndClose.tsx';
import { IncidentStepPanel } from './IncidentStepPanel.tsx';
import { NotesPanel } from './NotesPanel.tsx';
import { stepTitles } from './step-titles.ts';

function Timer({ since }: { readonly since: string }) {
  const { hh, mm, ss, spoken } = useElapsed(since);
  return (
    <p className="timer" aria-label={`Time since the incident was opened: ${spoken}`}>
      {hh}:{mm}:{ss} <span className="quiet">since opened</span>
    </p>
  );
}

/**
 * The incident runbook, one step at a time: what to do now in large type, the steps done and to
 * come, a running timer since the incident opened, and a notes field always at hand. Everything
 * it shows comes from the journal, so reopening the app resumes here.
 */
export function IncidentScreen(props: { readonly client: IpcClient; readonly onBack: () => void; readonly onRotate: () => void }) {
  const { client, onBack } = props;
  const load = useCallback(() => client.invoke('incident:state', {}), [client]);
  const [loaded, reload] = useLoaded(load);
  const [view, setView] = useState<IncidentView | null>(null);
  const [problem, setProblem] = useState<{ message: string; nextStep: string } | null>(null);

  useEffect(() => {
    if (loaded.kind === 'loaded') setView(loaded.value);
  }, [loaded]);

  const step = view?.active?.step;

  // Every step shown is journaled before the custodian acts on it.
  useEffect(() => {
    if (!step || step === 'open-incident' || step === 'close-incident') return;
    client.invoke('incident:show', { step }).then(setView, (error: unknown) => setProblem(explainError(error)));
  }, [client, step]);

  const act = (call: () => Promise<IncidentView>) => {
    setProblem(null);
    call().then(setView, (error: unknown) => setProblem(explainError(error)));
  };

  return (
    <ScreenFrame
      // The recovery step lists up to 195 policies: it gets the width of the window.
      className={view?.active?.step === 'recovery-actions' ? 'incident incident-wide' : 'incident'}
      heading={view?.active ? stepTitles[view.active.step] : 'Incident: emergency sign-in'}
      focusKey={step}
      onBack={onBack}
      back={{ at: 'bottom', note: <span className="quiet"> The incident stays open; it is recorded in the journal.</span> }}
    >
      {loaded.kind === 'failed' ? (
        <ProblemPanel title="The incident could not be read from the journal" message={loaded.message} nextStep={loaded.nextStep} />
      ) : null}
      {view?.runbookProblem ? (
        <ProblemPanel
          title="Your runbook file was not used"
          message={view.runbookProblem.message}
          nextStep={view.runbookProblem.nextStep}
        />
      ) : null}
      {problem ? <ProblemPanel title="That did not work" message={problem.message} nextStep={problem.nextStep} /> : null}
      {view && !view.active && !view.justClosed ? (
        <OpenIncidentForm runbook={view.runbook} onOpen={(input) => act(() => client.invoke('incident:open', input))} />
      ) : null}
      {view && !view.active && view.justClosed ? <HandOver closed={view.justClosed} onRotate={props.onRotate} onHome={onBack} /> : null}
      {view?.active ? (
        <div className="incident-layout">
          <div className="incident-main">
            <p className="quiet">
              {view.active.kind === 'drill' ? 'Drill' : 'Incident'} {view.active.reference ? `${view.active.reference} ` : ''}opened by{' '}
              {view.active.openedBy}
              {view.active.witness ? `, witness ${view.active.witness}` : ''}.
            </p>
            <Timer since={view.active.openedAt} />
            {view.active.resumeReason ? <p className="warning">{view.active.resumeReason}</p> : null}
            <IncidentStepPanel client={client} view={view} act={act} onReload={reload} onProblem={setProblem} />
          </div>
          <aside className="incident-side" aria-label="Progress and notes">
            <ol className="steps">
              {runbookStepIds.map((id) => {
                const done = view.active!.completed.find((c) => c.step === id);
                const current = view.active!.step === id;
                return (
                  <li
                    key={id}
                    className={current ? 'step-current' : done ? 'step-done' : 'step-todo'}
                    aria-current={current ? 'step' : undefined}
                  >
                    {done ? '✓ ' : current ? '→ ' : ''}
                    {stepTitles[id]}
                  </li>
                );
              })}
            </ol>
            <NotesPanel notes={view.active.notes} onSave={(text) => act(() => client.invoke('incident:note', { text }))} />
          </aside>
        </div>
      ) : null}
    </ScreenFrame>
  );
}
