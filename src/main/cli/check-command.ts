/**
 * `breakglass check --config FILE [--sim SEED] [--format table|json|md|junit|sarif] [--out FILE]
 * [--journal FILE [--witness-dir DIR]]` (docs/domain.md, "The `breakglass` command"): the whole catalogue, signed in as the read-only `reader`
 * app – never with a break-glass credential, whose sign-in is what the Sev-0 alert fires on.
 * With --sim the simulator starts in this process from SEED and the reader's certificate comes
 * from the seed's `simulator` section. Exit 0 when nothing fails or is indeterminate, 1 when
 * something does (or the reader cannot sign in), 2 on bad input.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { formatReport, reportFormats, type ReportFormat } from '../../core/checks/report-formats.ts';
import { overallStatus, summarize } from '../../core/checks/model.ts';
import { ActionableError } from '../../shared/actionable-error.ts';
import type { Inventory } from '../../shared/inventory.ts';
import { headWitnessLine } from '../../shared/model/journal-view.ts';
import { loadSeedFile, startSimulator, type Simulator } from '../../sim/index.ts';
import { readInventoryFile } from '../config/inventory-file.ts';
import {
  certificateCredentialFromPem,
  loadCertificateCredential,
  type CertificateCredential,
} from '../credentials/certificate-credential.ts';
import { endpointsForSimulator, endpointsFromInventory, type TenantEndpoints } from '../entra/endpoints.ts';
import { SignInError, signInWithCertificate } from '../entra/sign-in.ts';
import { JournalStore } from '../journal/store.ts';
import { JournalWriteError } from '../journal/write-failure.ts';
import { runReadiness, type JournalGap } from '../services/readiness/readiness-run.ts';
import type { AppPackage } from './app-dir.ts';
import { withCliJournalSteps } from './journal-refusal.ts';
import { refuseExistingTarget, writePrivateFile, type PrivateFileTarget } from './private-file.ts';
import type { Output } from './web-command.ts';

export const checkUsage = `  check --config FILE [--sim SEED] [--format table|json|md|junit|sarif] [--out FILE] [--journal FILE [--witness-dir DIR]]
      Run every readiness check, signed in as the inventory's read-only reader app. With --sim,
      against the simulated tenant in SEED. Exit 0 all clear, 1 something failed or could not be
      checked, 2 bad input. The reader's PFX passphrase, if any, is read from BREAKGLASS_READER_PASSPHRASE.
      --journal records the run; its chain head is then written to --witness-dir (default: the
      inventory's "witnessFolder").`;

function readerCertificate(inventory: Inventory, configPath: string, sim: Simulator | undefined): CertificateCredential {
  const reader = inventory.reader;
  if (!reader) {
    throw new ActionableError(
      `The inventory ${configPath} names no "reader" app, and checks never sign in with a break-glass credential.`,
      'Register a read-only reader app with a certificate and add "reader": { "appId": …, "certificatePath": … } to the inventory file.',
    );
  }
  if (sim) {
    const credential = sim.secrets.credentials.find((c) => c.appId.toLowerCase() === reader.appId.toLowerCase());
    if (!credential)
      throw new ActionableError(
        `The simulated tenant has no certificate for the reader app ${reader.appId}.`,
        'Add it to the seed\'s "simulator.credentials".',
      );
    return certificateCredentialFromPem({ ...credential, label: `the simulated reader certificate for ${reader.appId}` });
  }
  if (!reader.certificatePath) {
    throw new ActionableError(
      `The inventory ${configPath} gives no "certificatePath" for the reader app.`,
      'Add the path of the reader app\'s PFX or PEM file to "reader" in the inventory file.',
    );
  }
  const path = isAbsolute(reader.certificatePath) ? reader.certificatePath : resolve(dirname(configPath), reader.certificatePath);
  const passphrase = process.env['BREAKGLASS_READER_PASSPHRASE'];
  return loadCertificateCredential({ path, ...(passphrase ? { passphrase } : {}) });
}

function parseFormat(value: string | undefined): ReportFormat {
  const format = (value ?? 'table') as ReportFormat;
  if (!reportFormats.includes(format))
    throw new ActionableError(`--format must be one of ${reportFormats.join(', ')}, not "${value}".`, 'Run again with a valid --format.');
  return format;
}

/**
 * The journal asked for with --journal, open for writing – or no run at all: a check asked to be
 * journaled is never run without its record (docs/domain.md, "Journal rules").
 */
function openJournalForCheck(file: string, witnessFolder: string | undefined): JournalStore {
  try {
    return withCliJournalSteps('record', () => JournalStore.open(file, { redaction: 'production', witnessFolder }));
  } catch (error) {
    if (error instanceof JournalWriteError) throw notRunUnjournaled(error);
    throw error;
  }
}

function notRunUnjournaled(error: JournalWriteError): ActionableError {
  return new ActionableError(
    `The journal ${error.file} cannot be written: ${error.problem.why} (${error.problem.code}). Nothing was checked: a run asked to be journaled is not run without its journal.`,
    'Free space on that disk or make it writable, or give --journal a file on a writable disk, then run breakglass check again.',
    { cause: error },
  );
}

/** The finished report goes to --out, or – when that file cannot be written – to standard output, so the run is not lost. */
function writeReport(out: PrivateFileTarget, text: string, output: Output): boolean {
  try {
    writePrivateFile(out, text);
    return true;
  } catch (error) {
    if (!(error instanceof ActionableError)) throw error;
    output.out(text.replace(/\n$/, ''));
    output.err(`breakglass: ${error.message} The report is printed on standard output instead.`);
    output.err(`Next step: Save that output, or free space on the disk of ${out.path} and run breakglass check again.`);
    return false;
  }
}

function reportJournalGap(gap: JournalGap, where: string, output: Output): void {
  const session = gap.sessionClosed
    ? 'Its check session was closed with a note of what is missing.'
    : 'Its check session is left open; the next "breakglass check --journal" of this journal on this computer closes it with a note, once the journal can be written.';
  output.err(
    `breakglass: the journal ${gap.file} could not be written during the run: ${gap.problem.why} (${gap.problem.code}). ` +
      `${gap.journaledResults} of ${gap.results} results are in it; ${where} has them all. ${session}`,
  );
  output.err(
    `Next step: Keep ${where.replace(/^the /, 'that ')} with the journal as the record of this run, free space on that disk (or move the journal to a writable disk), then run breakglass check --journal ${gap.file} again.`,
  );
}

export async function runCheckCommand(pkg: AppPackage, args: string[], output: Output): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: 'string' },
      sim: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      journal: { type: 'string' },
      'witness-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.config)
    throw new ActionableError(
      'breakglass check needs --config FILE, the inventory file naming the break-glass accounts and app.',
      'Run "breakglass check --config breakglass.config.json" (add --sim SEED for a simulated tenant).',
    );
  const format = parseFormat(values.format);
  const out: PrivateFileTarget | undefined = values.out
    ? { path: values.out, what: 'report', nextStep: 'Choose another --out file name, or leave --out away to print the report.' }
    : undefined;
  if (out) refuseExistingTarget(out);
  const inventory = readInventoryFile(values.config, { again: 'run breakglass check again', demoWithoutIt: false });
  const seed = values.sim ? loadSeedFile(values.sim) : undefined;
  if (seed && seed.tenant.id.toLowerCase() !== inventory.tenantId.toLowerCase()) {
    throw new ActionableError(
      `The inventory is for tenant ${inventory.tenantId}, but the simulated tenant in ${values.sim} is ${seed.tenant.id}.`,
      'Give the inventory file that belongs to this seed.',
    );
  }
  if (values['witness-dir'] !== undefined && !values.journal) {
    throw new ActionableError(
      "--witness-dir is where the journal's chain head is written, so it needs --journal FILE.",
      'Run again with --journal FILE --witness-dir DIR, or without --witness-dir.',
    );
  }
  if (values['witness-dir'] !== undefined && values['witness-dir'].trim() === '') {
    throw new ActionableError('--witness-dir is empty; it must name a folder.', 'Run again with --witness-dir DIR, or without it.');
  }
  const witnessFolder = values['witness-dir']
    ? resolve(values['witness-dir'])
    : inventory.witnessFolder
      ? resolve(dirname(values.config), inventory.witnessFolder)
      : undefined;
  const journal = values.journal ? { store: openJournalForCheck(values.journal, witnessFolder), file: values.journal } : undefined;
  const sim = seed ? await startSimulator({ seed }) : undefined;
  try {
    const endpoints: TenantEndpoints = sim ? endpointsForSimulator(sim) : endpointsFromInventory(inventory);
    const certificate = readerCertificate(inventory, values.config, sim);
    let session;
    try {
      session = await signInWithCertificate({ endpoints, appId: inventory.reader!.appId, appName: 'reader app', certificate });
    } catch (error) {
      if (!(error instanceof SignInError)) throw error;
      output.err(`breakglass: the reader app could not sign in, so nothing was checked. ${error.message}`);
      output.err(`Next step: ${error.nextStep}${error.explanation.traceId ? ` (trace id ${error.explanation.traceId})` : ''}`);
      return 1;
    }
    output.err(`Checking tenant ${inventory.tenantId} as the reader app${sim ? ' (simulated tenant)' : ''}…`);
    let report;
    try {
      report = await runReadiness({ inventory, session, actor: 'breakglass check (reader app)', ...(journal ? { journal } : {}) });
    } catch (error) {
      // Opening the run's session (or closing an abandoned one) failed: nothing was read yet.
      if (error instanceof JournalWriteError) throw notRunUnjournaled(error);
      throw error;
    } finally {
      session.signOut();
    }
    const text = formatReport(report, format, pkg.version);
    const written = out ? writeReport(out, text, output) : (output.out(text.replace(/\n$/, '')), true);
    const s = summarize(report.results);
    const verdict = overallStatus(report.results);
    output.err(
      `${verdict === 'pass' || verdict === 'warn' ? 'Ready' : 'Not ready'}: ${s.pass} pass, ${s.warn} warn, ${s.fail} fail, ${s.indeterminate} could not be checked (${report.roundTrips} round trips).${out && written ? ` Report: ${out.path}.` : ''}${report.journalHead ? ` Journal chain head: ${report.journalHead}.` : ''}`,
    );
    if (report.journalGap) {
      reportJournalGap(report.journalGap, out && written ? `the report in ${out.path}` : 'the report above', output);
      return 2;
    }
    if (!written) return 2;
    return s.fail > 0 || s.indeterminate > 0 ? 1 : 0;
  } finally {
    // Also after a run that failed half-way: its session was closed, and its head went somewhere or nowhere.
    const witnessed = journal?.store.lastHeadWitness();
    if (witnessed?.state === 'not-set') {
      output.err(
        `${witnessed.message} Give --witness-dir FOLDER (or set "witnessFolder" in the inventory file), or write the head on the paper record.`,
      );
    } else if (witnessed) output.err(headWitnessLine(witnessed));
    journal?.store.close();
    await sim?.close();
  }
}
