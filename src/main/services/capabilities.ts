/**
 * The four entry points of the home screen and what this build provides of each.
 *
 * An entry point whose capability is not built yet says so plainly and points to the paper
 * runbook, so nobody under stress waits on a screen that cannot help.
 */
import type { Capability, CapabilityId } from '../../shared/model/capabilities.ts';

export const capabilityCatalogue: ReadonlyArray<Capability> = [
  {
    id: 'incident',
    title: 'Incident: emergency sign-in',
    summary: 'Open the safe, sign in with a break-glass key or the app certificate, recover access, record it.',
    available: true,
  },
  {
    id: 'rotation',
    title: 'Rotate credentials',
    summary: 'After an incident or drill: replace every credential that left the safe, then re-verify.',
    available: true,
  },
  {
    id: 'readiness',
    title: 'Check readiness',
    summary: 'Verify the break-glass accounts and app are still excluded, enabled and monitored.',
    available: true,
  },
  {
    id: 'drill',
    title: 'Drill',
    summary: 'Rehearse the whole procedure against the simulated tenant, safely.',
    available: false,
    unavailableReason: 'Drills against the simulated tenant are not part of this version of the app yet.',
    nextStep: 'Run a tabletop drill with the printed runbook.',
  },
];

export function describeCapability(id: CapabilityId): Capability {
  const found = capabilityCatalogue.find((capability) => capability.id === id);
  // The id is validated against the same enum by the IPC contract, so it is always found.
  if (!found) throw new Error(`No capability "${id}"`);
  return found;
}
