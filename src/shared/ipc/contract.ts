/**
 * The IPC contract: every channel between the renderer and the main process, declared once.
 *
 * Main validates each call's input and its own output against these schemas (one handler per
 * channel, see src/main/ipc/dispatch.ts); the preload only lets these names through; the
 * renderer calls them through a typed client. Nothing secret is ever part of an output.
 */
import { z } from 'zod';

import { Capability, CapabilityId } from '../model/capabilities.ts';
import {
  ChainStatus,
  JournalExportFormat,
  JournalExportResult,
  JournalOverview,
  JournalSessionDetail,
  RecordNoteInput,
} from '../model/journal-view.ts';
import {
  AcknowledgedStepId,
  IncidentStepId,
  IncidentView,
  OpenIncidentInput,
  BlockedSignIn,
  PolicySummary,
  RecoveryPolicies,
  RecoveryActionView,
  RecoveryPreviewInput,
} from '../model/incident.ts';
import { PrintedRunbook } from '../model/printed-runbook.ts';
import { RunbookContent } from '../model/runbook.ts';
import {
  CertificateReplacedInput,
  BeginRotationInput,
  ChecklistItemId,
  RegisteredMethodView,
  RotationPassword,
  RotationView,
  SaveCertificateInput,
} from '../model/rotation.ts';
import {
  ReadinessExportFormat,
  ReadinessOptions,
  ReadinessProgress,
  ReadinessRunView,
  ReadinessStart,
  ToolExportKind,
} from '../model/readiness.ts';
import { OutsideSignInRequest, SignInOptions, SignInProgress, SignInRequest } from '../model/sign-in.ts';
import { AppStatus } from '../model/status.ts';
import type { ChannelName } from './channels.ts';

/** Channels that take no argument still take an (empty) object, so the shape is uniform. */
const NoInput = z.object({}).strict();

export const contract = {
  'app:status': {
    input: NoInput,
    output: AppStatus,
  },
  'app:describeCapability': {
    input: z.object({ id: CapabilityId }).strict(),
    output: Capability,
  },
  'journal:overview': {
    input: NoInput,
    output: JournalOverview,
  },
  'journal:session': {
    input: z.object({ sessionId: z.string().min(1).max(100) }).strict(),
    output: JournalSessionDetail,
  },
  'journal:verify': {
    input: NoInput,
    output: ChainStatus,
  },
  'journal:export': {
    input: z.object({ format: JournalExportFormat }).strict(),
    output: JournalExportResult,
  },
  'journal:recordNote': {
    input: RecordNoteInput,
    output: z.object({ sessionId: z.string(), seq: z.number().int() }).strict(),
  },
  'signIn:options': {
    input: NoInput,
    output: SignInOptions,
  },
  /**
   * A sign-in outside the runbooks, with its reason. It carries a secret inward (a PFX passphrase),
   * like the incident's and the rotation's sign-in; it is never echoed or journaled.
   */
  'signIn:start': {
    input: OutsideSignInRequest,
    output: z.object({ attemptId: z.string() }).strict(),
  },
  'signIn:progress': {
    input: z.object({ attemptId: z.string().min(1).max(100) }).strict(),
    output: SignInProgress,
  },
  'signIn:signOut': {
    input: z.object({ actor: z.string().max(200) }).strict(),
    output: z.object({ signedOut: z.boolean() }).strict(),
  },
  'readiness:options': {
    input: NoInput,
    output: ReadinessOptions,
  },
  'readiness:start': {
    input: ReadinessStart,
    output: z.object({ runId: z.string() }).strict(),
  },
  'readiness:progress': {
    input: z.object({ runId: z.string().min(1).max(100) }).strict(),
    output: ReadinessProgress,
  },
  'readiness:run': {
    input: z.object({ sessionId: z.string().min(1).max(100) }).strict(),
    output: ReadinessRunView,
  },
  'readiness:export': {
    input: z.object({ sessionId: z.string().min(1).max(100), format: ReadinessExportFormat }).strict(),
    output: z.object({ file: z.string() }).strict(),
  },
  'readiness:toolExport': {
    input: z.object({ kind: ToolExportKind }).strict(),
    output: z.object({ file: z.string() }).strict(),
  },
  'incident:state': { input: NoInput, output: IncidentView },
  'incident:open': { input: OpenIncidentInput, output: IncidentView },
  'incident:show': { input: z.object({ step: IncidentStepId }).strict(), output: IncidentView },
  /** `data` is checked against the step's own schema in main (core/runbooks/incident-steps.ts). */
  'incident:acknowledge': {
    input: z.object({ step: AcknowledgedStepId, data: z.record(z.string(), z.unknown()) }).strict(),
    output: IncidentView,
  },
  'incident:signIn': { input: SignInRequest, output: z.object({ attemptId: z.string() }).strict() },
  'incident:note': { input: z.object({ text: z.string().trim().min(1).max(4000) }).strict(), output: IncidentView },
  'incident:close': {
    input: z
      .object({ classification: z.enum(['drill', 'real-emergency', 'misuse']), summary: z.string().trim().min(1).max(4000) })
      .strict(),
    output: IncidentView,
  },
  'recovery:policies': { input: NoInput, output: RecoveryPolicies },
  'recovery:policy': { input: z.object({ policyId: z.string().min(1).max(100) }).strict(), output: PolicySummary },
  'recovery:blockedSignIn': { input: NoInput, output: BlockedSignIn },
  'recovery:preview': { input: RecoveryPreviewInput, output: RecoveryActionView },
  'recovery:apply': { input: z.object({ actionId: z.string().min(1).max(100) }).strict(), output: RecoveryActionView },
  'recovery:undo': { input: z.object({ actionId: z.string().min(1).max(100) }).strict(), output: RecoveryActionView },
  'rotation:state': { input: NoInput, output: RotationView },
  'rotation:begin': { input: BeginRotationInput, output: RotationView },
  /** Carries a PFX passphrase inward, like signIn:start; never echoed or journaled. */
  'rotation:signIn': { input: SignInRequest, output: z.object({ attemptId: z.string() }).strict() },
  /** Carries the new PFX's passphrase (twice) inward; never echoed or journaled. */
  'rotation:saveCertificate': { input: SaveCertificateInput, output: RotationView },
  'rotation:reopenCertificate': { input: z.object({ passphrase: z.string().min(1).max(1024) }).strict(), output: RotationView },
  'rotation:continue': { input: NoInput, output: RotationView },
  /**
   * The one channel whose output is a secret: the new break-glass password, generated in main and
   * shown once for the envelope. It is never journaled, logged or kept after it is set.
   */
  'rotation:newPassword': { input: z.object({ account: z.string().min(3).max(320) }).strict(), output: RotationPassword },
  'rotation:setPassword': { input: z.object({ account: z.string().min(3).max(320) }).strict(), output: RotationView },
  'rotation:methods': { input: z.object({ account: z.string().min(3).max(320) }).strict(), output: z.array(RegisteredMethodView) },
  'rotation:reviewMethods': {
    input: z.object({ account: z.string().min(3).max(320), remove: z.array(z.string().min(1).max(200)).max(50) }).strict(),
    output: RotationView,
  },
  'rotation:keyReturned': {
    input: z.object({ account: z.string().min(3).max(320), keyUsed: z.string().max(200), returned: z.boolean() }).strict(),
    output: RotationView,
  },
  'rotation:certificateReplaced': { input: CertificateReplacedInput, output: RotationView },
  'rotation:checklist': { input: z.object({ item: ChecklistItemId, doneBy: z.string().max(200) }).strict(), output: RotationView },
  'rotation:verify': {
    input: z.object({ passphrase: z.string().max(1024).optional() }).strict(),
    output: z.object({ runId: z.string() }).strict(),
  },
  'rotation:recordVerification': { input: z.object({ checkSessionId: z.string().min(1).max(100) }).strict(), output: RotationView },
  'rotation:abandon': { input: z.object({ reason: z.string().trim().min(1).max(4000) }).strict(), output: RotationView },
  'settings:runbook': {
    input: NoInput,
    output: z
      .object({
        runbook: RunbookContent,
        source: z.enum(['file', 'builtin']),
        path: z.string(),
        problem: z.object({ message: z.string(), nextStep: z.string() }).strict().optional(),
      })
      .strict(),
  },
  'settings:saveRunbook': {
    input: z.object({ content: z.unknown() }).strict(),
    output: z
      .object({
        runbook: RunbookContent,
        source: z.enum(['file', 'builtin']),
        path: z.string(),
        problem: z.object({ message: z.string(), nextStep: z.string() }).strict().optional(),
      })
      .strict(),
  },
  /** Everything the printed runbook for the safe shows (src/main/services/printed-runbook.ts). */
  'settings:printedRunbook': { input: NoInput, output: PrintedRunbook },
} as const satisfies Record<ChannelName, { input: z.ZodType; output: z.ZodType }>;

// Both directions: the contract declares exactly the names in channels.ts.
type ContractChannel = keyof typeof contract;
type MissingFromContract = Exclude<ChannelName, ContractChannel>;
type MissingFromNames = Exclude<ContractChannel, ChannelName>;
const contractMatchesNames: [MissingFromContract, MissingFromNames] extends [never, never] ? true : false = true;
void contractMatchesNames;

export type Contract = typeof contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;

/** The shape of one main-process handler for channel C. */
export type ChannelHandler<C extends ChannelName> = (input: z.output<Contract[C]['input']>) => Promise<ChannelOutput<C>> | ChannelOutput<C>;

/** One handler per channel: the table main registers over Electron IPC and the web host serves. */
export type HandlerTable = { readonly [C in ChannelName]: ChannelHandler<C> };
