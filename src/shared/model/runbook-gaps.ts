/**
 * The organisation's details a runbook still lacks, and how a runbook text reads while they are
 * missing: never a made-up value that looks real, always "not set yet – see Settings"
 * (docs/domain.md, "The incident runbook"). Shared by the screens, the printed runbook and main.
 */
import type { RunbookContent, RunbookPlaceholder } from './runbook.ts';

export type RunbookGap = 'name' | 'contacts' | 'safeLocation';

/** What each gap is called in a sentence ("… are not set yet"). */
export const runbookGapNames: Readonly<Record<RunbookGap, string>> = {
  name: "the organisation's name",
  contacts: 'the security operations contacts',
  safeLocation: 'where the safe is',
};

/** The details still to be filled in, in the order Settings shows them. */
export function runbookGaps(runbook: RunbookContent): RunbookGap[] {
  const organisation = runbook.organisation;
  return [
    ...(organisation.name === undefined ? (['name'] as const) : []),
    ...(organisation.securityOperations.contacts.length === 0 ? (['contacts'] as const) : []),
    ...(organisation.safeLocation === undefined ? (['safeLocation'] as const) : []),
  ];
}

const notSet: Readonly<Record<RunbookPlaceholder, string>> = {
  organisation: 'organisation name not set yet – see Settings',
  safeLocation: 'location not set yet – see Settings',
};

/** A placeholder's value: the organisation's own, or "not set yet" (the built-in texts put both in parentheses). */
export function placeholderValue(name: RunbookPlaceholder, runbook: RunbookContent): string {
  const value = name === 'organisation' ? runbook.organisation.name : runbook.organisation.safeLocation;
  return value ?? notSet[name];
}

/** Fills `{organisation}` and `{safeLocation}` in a runbook text; any other braces stay as written. */
export function fillRunbookText(text: string, runbook: RunbookContent): string {
  return text.replace(/\{([A-Za-z]+)\}/g, (match, name: string) =>
    name === 'organisation' || name === 'safeLocation' ? placeholderValue(name, runbook) : match,
  );
}

/** The runbook file's name, in the data folder (src/main/config/runbook-file.ts). */
export const runbookFileName = 'breakglass.runbook.json';
