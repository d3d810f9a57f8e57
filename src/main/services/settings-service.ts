/**
 * The Settings screen's main-process side: where the runbook file lives and the runbook in use,
 * and saving an edited runbook (docs/domain.md, "The incident runbook"). The incident service reads the
 * same file for the incident it runs; this service only shows and replaces it.
 */
import { ActionableError } from '../../shared/actionable-error.ts';
import { loadRunbook, saveRunbook, type LoadedRunbook } from '../config/runbook-file.ts';

export type RunbookSettings = LoadedRunbook & { readonly path: string };

export class SettingsService {
  readonly #runbookPath: string | undefined;

  constructor(options: { runbookPath?: string }) {
    this.#runbookPath = options.runbookPath;
  }

  /** The runbook file's place, and the runbook in use. */
  runbook(): RunbookSettings {
    if (!this.#runbookPath) throw new ActionableError('This app run has no place for a runbook file.', 'Start the app with a data folder.');
    return { ...loadRunbook(this.#runbookPath), path: this.#runbookPath };
  }

  /** Saves an edited runbook (refused with the reason if it does not fit the format). */
  saveRunbook(content: unknown): RunbookSettings {
    saveRunbook(this.runbook().path, content);
    return this.runbook();
  }
}
