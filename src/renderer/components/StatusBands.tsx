import type { AppStatus, OpenIncidentStatus } from '../../shared/model/status.ts';
import { runbookStepIds } from '../../shared/model/runbook.ts';
import { stepTitles } from '../incident/step-titles.ts';
import { useElapsed } from './useElapsed.ts';

/** The open incident: its step, how long it has been open, and the way back to it. */
function IncidentBanner(props: { readonly incident: OpenIncidentStatus; readonly onResume: () => void }) {
  const { incident } = props;
  const { hh, mm, ss, spoken } = useElapsed(incident.openedAt);
  const what = incident.kind === 'drill' ? 'A drill' : 'An incident';
  const number = runbookStepIds.indexOf(incident.step) + 1;
  return (
    <section className="incident-banner" aria-label={`${what} is open`}>
      <p className="incident-banner-what">
        <strong>{what} is open.</strong> Step {number} of {runbookStepIds.length}: <strong>{stepTitles[incident.step]}</strong>
      </p>
      <p className="incident-banner-timer" role="timer" aria-label={`Open for ${spoken}`}>
        Open for {hh}:{mm}:{ss}
      </p>
      <button type="button" className="incident-banner-resume" onClick={props.onResume}>
        Resume the {incident.kind}
      </button>
    </section>
  );
}

/**
 * What stays above every screen (docs/architecture.md, "The renderer's screens"): the DRILL band
 * while the tenant is simulated, and the open incident with Resume – except on the incident
 * screen itself (no `onResume`).
 */
export function StatusBands(props: { readonly status: AppStatus; readonly onResume?: (() => void) | undefined }) {
  const { status, onResume } = props;
  const drill = status.tenant.kind === 'demo' ? status.tenant : undefined;
  const incident = onResume ? status.incident : undefined;
  if (!drill && !incident) return null;
  return (
    <header className="status-bands">
      {drill ? (
        <p className="drill-band" role="note" aria-label="Drill">
          <strong className="drill-band-word">DRILL</strong> A practice run on {drill.tenantName}: nothing here touches a real tenant.
        </p>
      ) : null}
      {incident && onResume ? <IncidentBanner incident={incident} onResume={onResume} /> : null}
    </header>
  );
}
