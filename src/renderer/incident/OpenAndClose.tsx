import { useState, type FormEvent } from 'react';

import type { ActiveIncidentView } from '../../shared/model/incident.ts';
import type { RunbookContent, RunbookScenarioId } from '../../shared/model/runbook.ts';
import { PeopleFields } from '../components/PeopleFields.tsx';

type OpenInput = { custodian: string; witness?: string; scenario: RunbookScenarioId; reference?: string; description?: string };

/** Step 1: who opens the safe, who witnesses it, why, and the incident's reference. */
export function OpenIncidentForm(props: { readonly runbook: RunbookContent; readonly onOpen: (input: OpenInput) => void }) {
  const { runbook } = props;
  const [custodian, setCustodian] = useState('');
  const [witness, setWitness] = useState('');
  const [scenario, setScenario] = useState<OpenInput['scenario']>('ca-lockout');
  const [reference, setReference] = useState('');
  const [description, setDescription] = useState('');
  const chosen = runbook.scenarios.find((s) => s.id === scenario);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onOpen({
      custodian,
      scenario,
      ...(witness.trim() ? { witness } : {}),
      ...(reference.trim() ? { reference } : {}),
      ...(description.trim() ? { description } : {}),
    });
  };
  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="open-heading">
      <h2 id="open-heading">Open the incident</h2>
      <p>Everything from here on is recorded in the journal, with the time, for the post-mortem.</p>
      <PeopleFields custodian={custodian} onCustodian={setCustodian} witness={witness} onWitness={setWitness} witnessHint="recommended" />
      <label>
        What happened
        <select value={scenario} onChange={(e) => setScenario(e.target.value as OpenInput['scenario'])}>
          {runbook.scenarios.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </label>
      {chosen ? <p className="quiet">{chosen.guidance}</p> : null}
      <label>
        Incident reference (optional)
        <input value={reference} onChange={(e) => setReference(e.target.value)} autoComplete="off" />
      </label>
      <label>
        Anything else to record (optional)
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} />
      </label>
      <button type="submit" className="action">
        Open the incident
      </button>
    </form>
  );
}

/** Step 8: classify and summarise; a drill on the simulated tenant needs no classification. */
export function CloseStep(props: {
  readonly active: ActiveIncidentView;
  readonly onClose: (closure: { classification: 'drill' | 'real-emergency' | 'misuse'; summary: string }) => void;
}) {
  const [classification, setClassification] = useState<'drill' | 'real-emergency' | 'misuse'>(
    props.active.kind === 'drill' ? 'drill' : 'real-emergency',
  );
  const [summary, setSummary] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onClose({ classification, summary });
  };
  const options: Array<[typeof classification, string]> = [
    ['real-emergency', 'A real emergency'],
    ['drill', 'A drill'],
    ['misuse', 'Misuse (the break-glass access was used without need)'],
  ];
  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="close-heading">
      <h2 id="close-heading">What was this?</h2>
      {props.active.kind === 'drill' ? (
        <p>This is a drill on the simulated tenant.</p>
      ) : (
        <fieldset className="choices">
          <legend>Classification (Microsoft’s post-mortem classes)</legend>
          {options.map(([value, label]) => (
            <label key={value} className="choice">
              <input type="radio" name="classification" checked={classification === value} onChange={() => setClassification(value)} />
              <span>{label}</span>
            </label>
          ))}
        </fieldset>
      )}
      <label>
        Summary: what happened, what was done
        <textarea value={summary} onChange={(e) => setSummary(e.target.value)} rows={4} required />
      </label>
      <p className="quiet">
        Closing signs out: the app forgets the tokens. Then rotate every credential that left the safe, and run the readiness checks.
      </p>
      <button type="submit" className="action">
        Close the incident
      </button>
    </form>
  );
}

/** After the close: straight on to rotation and a readiness check. */
export function HandOver(props: { readonly closed: ActiveIncidentView; readonly onRotate: () => void; readonly onHome: () => void }) {
  return (
    <section className="panel panel-success" aria-labelledby="closed-heading">
      <h2 id="closed-heading">The incident is closed and recorded</h2>
      <p>{props.closed.closed?.summary}</p>
      <h3>Next</h3>
      <ol>
        <li>
          Rotate every credential that left the safe: a new envelope password for each account used, a new app certificate, any key
          registered during the incident removed.
        </li>
        <li>The rotation ends with a readiness check: the break-glass setup is sound again, or you are told what is not.</li>
      </ol>
      <p className="actions">
        <button type="button" className="action" onClick={props.onRotate}>
          Rotate credentials now
        </button>
        <button type="button" className="secondary" onClick={props.onHome}>
          Home
        </button>
      </p>
    </section>
  );
}
