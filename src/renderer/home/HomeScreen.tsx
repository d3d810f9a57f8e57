import { useEffect, type ReactNode } from 'react';

import type { Capability, CapabilityId } from '../../shared/model/capabilities.ts';
import type { AppStatus, JournalLocation, TenantInUse } from '../../shared/model/status.ts';
import { stepTitles } from '../incident/step-titles.ts';

function TenantLine({ tenant }: { readonly tenant: TenantInUse }) {
  switch (tenant.kind) {
    case 'configured':
      return (
        <>
          <dd>{tenant.label}</dd>
          <dd className="quiet">From {tenant.configPath}</dd>
        </>
      );
    case 'demo':
      return (
        <>
          <dd>{tenant.label}</dd>
          <dd className="quiet">{tenant.tenantName} – nothing here touches a real tenant.</dd>
        </>
      );
    case 'none':
      return (
        <>
          <dd>{tenant.label}</dd>
          {tenant.problem ? <dd className="warning">{tenant.problem}</dd> : null}
          <dd className="quiet">{tenant.nextStep}</dd>
        </>
      );
  }
}

const journalModeText: Record<JournalLocation['mode'], string> = {
  portable: 'portable: next to the app, on its own media',
  'user-data': "in this computer's user profile",
  chosen: 'in the folder chosen at start',
};

/** While an incident is open, its entry point resumes it (the banner above says where it stands). */
function resumingIn(status: AppStatus) {
  return (capability: Capability): Capability => {
    const open = status.incident;
    if (capability.id !== 'incident' || !open) return capability;
    return {
      ...capability,
      title: `Resume the ${open.kind}`,
      summary: `${open.kind === 'drill' ? 'A drill' : 'An incident'} is open: go on at “${stepTitles[open.step]}”. Everything done so far is in the journal.`,
    };
  };
}

export function HomeScreen(props: {
  readonly status: AppStatus;
  readonly onChoose: (id: CapabilityId) => void;
  readonly onOpenJournal: () => void;
  readonly onOpenSettings?: () => void;
  readonly onPrintRunbook?: () => void;
  /** What the runbook still lacks (settings/RunbookGapsNotice.tsx). */
  readonly runbookNotice?: ReactNode;
  /** The connection to the tenant: signed in or not, and the way to change that. */
  readonly connection?: ReactNode;
}) {
  const { status } = props;
  // Read by bench/ui-startup.ts: the moment the entry points can be used.
  useEffect(() => {
    performance.mark('home-interactive');
  }, []);
  return (
    <main className="screen">
      <header className="masthead">
        <h1>{status.product.name}</h1>
        <p className="quiet">
          Version {status.product.version}
          {status.host === 'web' ? ' · running in a browser through the local web host' : ''}
        </p>
      </header>

      <section className="panel" aria-labelledby="where-heading">
        <h2 id="where-heading" className="visually-hidden">
          Tenant and journal
        </h2>
        <dl className="facts">
          <div>
            <dt>Tenant</dt>
            <TenantLine tenant={status.tenant} />
          </div>
          <div>
            <dt>Journal</dt>
            <dd className="path">{status.journal.file}</dd>
            <dd className={status.journal.state === 'ready' ? 'quiet' : 'warning'}>
              {status.journal.detail} Stored {journalModeText[status.journal.mode]}.
            </dd>
          </div>
        </dl>
      </section>

      <nav aria-labelledby="choose-heading">
        <h2 id="choose-heading">What do you need to do?</h2>
        <ul className="entry-points">
          {status.capabilities.map(resumingIn(status)).map((capability) => (
            <li key={capability.id}>
              <button
                type="button"
                className={`entry-point entry-${capability.id}`}
                onClick={() => props.onChoose(capability.id)}
                aria-describedby={`entry-${capability.id}-summary`}
              >
                <span className="entry-title">{capability.title}</span>
                <span id={`entry-${capability.id}-summary`} className="entry-summary">
                  {capability.summary}
                </span>
                {capability.available ? null : <span className="entry-badge">Not in this version yet</span>}
              </button>
            </li>
          ))}
        </ul>
      </nav>

      {props.runbookNotice}

      {props.connection}

      <nav aria-label="Records" className="records">
        <button type="button" className="secondary" onClick={props.onOpenJournal}>
          Open the journal: sessions, verification, export, notes
        </button>
        {props.onOpenSettings ? (
          <button type="button" className="secondary" onClick={props.onOpenSettings}>
            Settings: the runbook and your organisation’s details
          </button>
        ) : null}
        {props.onPrintRunbook ? (
          <button type="button" className="secondary" onClick={props.onPrintRunbook}>
            Print the runbook for the safe
          </button>
        ) : null}
      </nav>
    </main>
  );
}
