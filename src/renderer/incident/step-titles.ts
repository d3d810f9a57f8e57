import type { IncidentStepId } from '../../shared/model/incident.ts';

/** The screen's short heading for each step (keyed by the step id type, so a new step cannot be missed here). */
export const stepTitles: Readonly<Record<IncidentStepId, string>> = {
  'open-incident': 'Open the incident',
  'notify-security-operations': 'Tell security operations',
  'record-safe-opened': 'Open the safe',
  'choose-path': 'Choose the way in',
  'sign-in': 'Sign in',
  'confirm-access': 'Confirm access',
  'recovery-actions': 'Recover',
  'close-incident': 'Close the incident',
};
