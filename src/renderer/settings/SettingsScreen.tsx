import { useCallback, useEffect, useState, type FormEvent } from 'react';

import type { RunbookContent } from '../../shared/model/runbook.ts';
import { runbookGapNames, runbookGaps } from '../../shared/model/runbook-gaps.ts';
import type { IpcClient } from '../app/ipc-client.ts';
import { ProblemPanel } from '../components/ProblemPanel.tsx';
import { explainError, useLoaded } from '../components/useLoaded.ts';
import { ScreenFrame } from '../components/ScreenFrame.tsx';
import { RunbookForm } from './RunbookForm.tsx';
import { RunbookJsonPanel } from './RunbookJsonPanel.tsx';
import { checkContent, contentOf, draftOf, hasField, type FieldProblems, type RunbookDraft } from './runbook-draft.ts';

type Outcome = {
  readonly from: 'form' | 'json';
  readonly ok: boolean;
  readonly message: string;
  readonly nextStep?: string;
  readonly elsewhere?: readonly string[];
};

const noProblems: FieldProblems = new Map();

/**
 * Settings: the organisation's details of the runbook as a form – the security operations
 * contacts, where the safe is, the labels of keys, envelopes and the certificate's media – each
 * field checked with the runbook file's own format, and the file itself as JSON to import and
 * export (docs/domain.md, "The incident runbook"). Saved only when it fits; otherwise each reason
 * is shown at its field and the file is left as it was.
 */
export function SettingsScreen(props: { readonly client: IpcClient; readonly onBack: () => void; readonly onPrint: () => void }) {
  const { client, onBack } = props;
  const load = useCallback(() => client.invoke('settings:runbook', {}), [client]);
  const [loaded, reload] = useLoaded(load);
  const [draft, setDraft] = useState<RunbookDraft | null>(null);
  const [problems, setProblems] = useState<FieldProblems>(noProblems);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Escape never throws away what the custodian wrote: ScreenFrame keeps the screen while fields hold typed text.
  const edit = (next: RunbookDraft) => setDraft(next);
  useEffect(() => {
    if (loaded.kind === 'loaded') setDraft(draftOf(loaded.value.runbook));
  }, [loaded]);
  // After a refused save the first field to correct takes the focus.
  useEffect(() => {
    if (problems.size > 0) document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [problems]);

  const save = (content: unknown, from: Outcome['from']) => {
    setOutcome(null);
    const checked = checkContent(content);
    if (!checked.ok) {
      setProblems(checked.problems);
      const elsewhere = [...checked.problems]
        .filter(([path]) => !hasField(path))
        .map(([path, reasons]) => `${path}: ${reasons.join('; ')}`);
      setOutcome({
        from,
        ok: false,
        message: `Nothing was saved: ${checked.problems.size === 1 ? 'one entry does' : `${checked.problems.size} entries do`} not fit the runbook format.`,
        nextStep:
          elsewhere.length === checked.problems.size
            ? 'Correct the JSON at the places named, then save again.'
            : 'Correct the fields marked below, then save again.',
        elsewhere,
      });
      return;
    }
    setProblems(noProblems);
    client.invoke('settings:saveRunbook', { content: checked.runbook }).then(
      (saved) => {
        setOutcome({ from, ok: true, message: `Saved to ${saved.path}.` });
        reload();
      },
      (error: unknown) => setOutcome({ from, ok: false, ...explainError(error) }),
    );
  };

  const importJson = (text: string) => {
    try {
      save(JSON.parse(text), 'json');
    } catch (error) {
      setOutcome({
        from: 'json',
        ok: false,
        message: `This is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`,
        nextStep: 'Fix the text at the position named, then save again. Nothing was saved.',
      });
    }
  };

  const submit = (runbook: RunbookContent) => (event: FormEvent) => {
    event.preventDefault();
    if (draft) save(contentOf(runbook, draft), 'form');
  };

  const result = outcome ? (
    <div className={outcome.ok ? 'success' : 'warning'} role={outcome.ok ? 'status' : 'alert'}>
      <p>
        {outcome.message} {outcome.nextStep ?? ''}
      </p>
      {outcome.elsewhere && outcome.elsewhere.length > 0 ? (
        <ul>
          {outcome.elsewhere.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </div>
  ) : null;

  return (
    <ScreenFrame heading="Settings" onBack={onBack} back={{ at: 'bottom' }}>
      {loaded.kind === 'failed' ? (
        <ProblemPanel title="The settings could not be read" message={loaded.message} nextStep={loaded.nextStep} />
      ) : null}
      {loaded.kind === 'loaded' && draft ? (
        <>
          <section className="panel settings-part" aria-labelledby="runbook-heading">
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
            <GapsLine runbook={loaded.value.runbook} />
            <p>
              <button type="button" className="secondary" onClick={props.onPrint}>
                Print the runbook for the safe
              </button>
            </p>
          </section>
          <form onSubmit={submit(loaded.value.runbook)} noValidate aria-label="The organisation's details">
            <RunbookForm draft={draft} onChange={edit} problems={problems} />
            <p className="actions">
              <button type="submit" className="action">
                Save the settings
              </button>
            </p>
            {outcome?.from === 'form' ? result : null}
          </form>
          <RunbookJsonPanel runbook={loaded.value.runbook} onImport={importJson} />
          {outcome?.from === 'json' ? result : null}
        </>
      ) : null}
    </ScreenFrame>
  );
}

function GapsLine({ runbook }: { readonly runbook: RunbookContent }) {
  const gaps = runbookGaps(runbook);
  if (gaps.length === 0) return <p className="quiet">Every detail the incident screens need is set.</p>;
  return (
    <p className="warning">
      Not set yet: {gaps.map((gap) => runbookGapNames[gap]).join(', ')}. The incident screens say so where they are needed.
    </p>
  );
}
