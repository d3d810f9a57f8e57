/**
 * The main-process services of one app run, built from its setup. Electron's main process and
 * the web host both start exactly this, so the browser UI exercises the real services.
 */
import type { AppSetup } from './app-status.ts';
import { JournalService } from './journal-service.ts';

export type AppServices = {
  readonly setup: AppSetup;
  readonly journal: JournalService;
  close(): void;
};

export function startAppServices(setup: AppSetup): AppServices {
  const journal = JournalService.start({
    file: setup.journalFile,
    mode: setup.data.mode,
    redaction: setup.options.redaction,
    nativeBinding: setup.options.nativeBinding,
  });
  return {
    setup,
    journal,
    close: () => journal.close(),
  };
}
