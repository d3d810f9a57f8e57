import { useCallback } from 'react';

import type { PrintedRunbook } from '../../shared/model/printed-runbook.ts';
import { fillRunbookText, placeholderValue } from '../../shared/model/runbook-gaps.ts';
import type { IpcClient } from '../app/ipc-client.ts';
import { ProblemPanel } from '../components/ProblemPanel.tsx';
import { ScreenFrame } from '../components/ScreenFrame.tsx';
import { useLoaded } from '../components/useLoaded.ts';

const notSet = 'not set yet – see Settings';

/** A local time with its zone, as the paper record needs it. */
const localTime = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'long' });

/**
 * The runbook for the safe (docs/domain.md, "The printed runbook"): on screen a preview with the
 * one action that prints it; on paper (settings.css, `@media print`) no buttons, and each part on
 * its own page.
 */
export function PrintedRunbookScreen(props: { readonly client: IpcClient; readonly onBack: () => void }) {
  const { client } = props;
  const load = useCallback(() => client.invoke('settings:printedRunbook', {}), [client]);
  const [loaded] = useLoaded(load);
  return (
    <ScreenFrame heading="The runbook for the safe" onBack={props.onBack} back={{ at: 'top', label: 'Back' }} className="printed-runbook">
      {loaded.kind === 'failed' ? (
        <ProblemPanel title="The runbook could not be put together" message={loaded.message} nextStep={loaded.nextStep} />
      ) : null}
      {loaded.kind === 'loading' ? <p className="quiet">Putting the runbook together…</p> : null}
      {loaded.kind === 'loaded' ? <Printed printed={loaded.value} /> : null}
    </ScreenFrame>
  );
}

function Printed({ printed }: { readonly printed: PrintedRunbook }) {
  const { runbook, tenant } = printed;
  const organisation = runbook.organisation;
  const contacts = organisation.securityOperations.contacts;
  return (
    <>
      <div className="screen-only panel">
        <p>Print this and put it in the safe in place of the old copy. Print it again whenever the runbook or the accounts change.</p>
        <p>
          <button type="button" className="action" onClick={() => window.print()}>
            Print the runbook
          </button>
        </p>
      </div>
      <section className="print-part" aria-labelledby="print-organisation">
        <p className="print-title">{runbook.title}</p>
        <p className="quiet">
          Printed {localTime(printed.printedAt)} from {printed.source === 'file' ? 'the runbook file' : 'the built-in runbook'}. A newer
          print replaces this one.
        </p>
        {tenant.simulated ? <p className="print-drill">DRILL – this is the simulated tenant, not a real one.</p> : null}
        <h2 id="print-organisation">{placeholderValue('organisation', runbook)}</h2>
        <dl className="facts">
          <div>
            <dt>The safe</dt>
            <dd>{organisation.safeLocation ?? notSet}</dd>
          </div>
          <div>
            <dt>Custodians allowed to open it</dt>
            <dd>{organisation.custodians?.join(', ') || notSet}</dd>
          </div>
        </dl>
        <h3>Security operations</h3>
        <p>{organisation.securityOperations.description}</p>
        {contacts.length > 0 ? (
          <table className="print-table">
            <thead>
              <tr>
                <th scope="col">Contact</th>
                <th scope="col">Phone</th>
                <th scope="col">Email</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {contacts.map((c, index) => (
                <tr key={index}>
                  <td>{c.name}</td>
                  <td>{c.phone ?? '–'}</td>
                  <td>{c.email ?? '–'}</td>
                  <td>{c.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="warning">Security operations contacts: {notSet}.</p>
        )}
      </section>
      <TenantPart printed={printed} />
      <section className="print-part" aria-labelledby="print-steps">
        <h2 id="print-steps">The steps</h2>
        <h3>What happened?</h3>
        <dl className="print-scenarios">
          {runbook.scenarios.map((scenario) => (
            <div key={scenario.id}>
              <dt>{scenario.title}</dt>
              <dd>{fillRunbookText(scenario.guidance, runbook)}</dd>
            </div>
          ))}
        </dl>
        <h3>Then, step by step</h3>
        <ol className="print-steps">
          {runbook.steps.map((step) => (
            <li key={step.id}>
              <h4>{step.title}</h4>
              <p>{fillRunbookText(step.text, runbook)}</p>
              <p className="write-in">
                <span>Time: </span>
                <span>Who: </span>
              </p>
            </li>
          ))}
        </ol>
      </section>
      <section className="print-part" aria-labelledby="print-codes">
        <h2 id="print-codes">When Microsoft refuses the sign-in</h2>
        <p>The sign-in page shows a code such as AADSTS53003. Find it here; the app explains the same codes on screen.</p>
        <table className="print-table">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">What it means</th>
              <th scope="col">What to do</th>
            </tr>
          </thead>
          <tbody>
            {printed.signInCodes.map((code) => (
              <tr key={`${code.code}-${code.path}`}>
                <td>
                  AADSTS{code.code}
                  <br />
                  <span className="quiet">{code.path === 'certificate' ? 'the app' : 'an account'}</span>
                </td>
                <td>{code.title}</td>
                <td>
                  <ol>
                    {code.whatToDo.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ol>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function TenantPart({ printed }: { readonly printed: PrintedRunbook }) {
  const { runbook, tenant } = printed;
  const keysOf = (upn: string) =>
    runbook.keys
      .filter((k) => k.account.toLowerCase() === upn.toLowerCase())
      .map((k) => (k.location ? `${k.label} (kept: ${k.location})` : k.label));
  const envelopesOf = (upn: string) =>
    (runbook.envelopes ?? []).filter((e) => e.account.toLowerCase() === upn.toLowerCase()).map((e) => e.label);
  const certificate = runbook.appCertificate;
  return (
    <section className="print-part" aria-labelledby="print-tenant">
      <h2 id="print-tenant">The tenant and the ways in</h2>
      <dl className="facts">
        <div>
          <dt>Tenant</dt>
          <dd>{tenant.label}</dd>
        </div>
        <div>
          <dt>Tenant ID</dt>
          <dd className="path">{tenant.tenantId ?? tenant.problem ?? 'unknown'}</dd>
        </div>
        <div>
          <dt>Sign-in address</dt>
          <dd className="path">{tenant.signInAddress ?? 'unknown'}</dd>
        </div>
      </dl>
      <h3>Break-glass accounts</h3>
      {printed.accounts.length > 0 ? (
        <table className="print-table">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Security key</th>
              <th scope="col">Password envelope</th>
            </tr>
          </thead>
          <tbody>
            {printed.accounts.map((upn) => (
              <tr key={upn}>
                <td className="path">{upn}</td>
                <td>{keysOf(upn).join(', ') || notSet}</td>
                <td>{envelopesOf(upn).join(', ') || notSet}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="warning">The inventory names no break-glass accounts.</p>
      )}
      <h3>Break-glass app</h3>
      {printed.app ? (
        <dl className="facts">
          <div>
            <dt>App</dt>
            <dd>
              {printed.app.label} <span className="path">({printed.app.appId})</span>
            </dd>
          </div>
          <div>
            <dt>Certificate media</dt>
            <dd>{certificate ? `${certificate.label}, file ${certificate.file}` : notSet}</dd>
          </div>
          <div>
            <dt>Passphrase envelope</dt>
            <dd>{certificate?.passphraseEnvelope ?? notSet}</dd>
          </div>
        </dl>
      ) : (
        <p>No break-glass app is configured.</p>
      )}
    </section>
  );
}
