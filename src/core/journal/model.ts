/**
 * What the journal records: sessions (an incident, a drill, a rotation, a review, a check run, a
 * sign-in outside the runbook)
 * and the entries inside them (docs/domain.md, "Journal rules").
 *
 * Sessions are not stored separately: a session is opened and closed by entries of kind
 * `session-opened` / `session-closed`, so the session list is covered by the same hash chain as
 * everything else and cannot be edited on its own.
 */
import { z } from 'zod';

export const SessionKind = z.enum(['incident', 'drill', 'rotation', 'review', 'check', 'sign-in']);
export type SessionKind = z.infer<typeof SessionKind>;

/** Microsoft's post-incident classes for a break-glass sign-in. */
export const IncidentClassification = z.enum(['drill', 'real-emergency', 'misuse']);
export type IncidentClassification = z.infer<typeof IncidentClassification>;

export const JournalEntryKind = z.enum([
  'session-opened',
  'session-closed',
  'step-shown',
  'step-acknowledged',
  'sign-in-attempt',
  'sign-in-result',
  'graph-write',
  'recovery-action',
  'check-result',
  'rotation-step',
  'checklist-item',
  'note',
]);
export type JournalEntryKind = z.infer<typeof JournalEntryKind>;

/** Kinds only `openSession` / `closeSession` may write, because they change a session's state. */
export const sessionMarkerKinds = ['session-opened', 'session-closed'] as const satisfies readonly JournalEntryKind[];

export const sha256HexPattern = /^[0-9a-f]{64}$/;
export const Sha256Hex = z.string().regex(sha256HexPattern, 'must be 64 lower-case hex characters (a SHA-256)');

/** The previous hash of entry 1: there is nothing before it. */
export const genesisHash = '0'.repeat(64);

/** UTC only: a journal read in another time zone (or by an auditor) must show the same instants. */
export const UtcTimestamp = z.iso.datetime({ offset: false });

export const JsonValue = z.json();
export type JsonValue = z.infer<typeof JsonValue>;
export const JsonObject = z.record(z.string(), JsonValue);
export type JsonObject = z.infer<typeof JsonObject>;

const Text = z.string().min(1);

/** Everything an entry commits to; `hash` = SHA-256(prevHash + canonicalJson(content)). */
export const JournalEntryContent = z.strictObject({
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  at: UtcTimestamp,
  sessionId: Text,
  actor: Text,
  witness: Text.optional(),
  kind: JournalEntryKind,
  stepId: Text.optional(),
  summary: Text,
  data: JsonObject,
  /** `request-id` headers of the Graph calls, so Microsoft's audit log can be matched to ours. */
  graphRequestIds: z.array(Text).min(1).optional(),
});
export type JournalEntryContent = z.infer<typeof JournalEntryContent>;

export const JournalEntry = z.strictObject({
  ...JournalEntryContent.shape,
  prevHash: Sha256Hex,
  hash: Sha256Hex,
});
export type JournalEntry = z.infer<typeof JournalEntry>;

/** What a caller hands to `append`; the store adds seq, time and hashes. */
export const JournalEntryDraft = z.strictObject({
  sessionId: Text,
  actor: Text,
  witness: Text.optional(),
  kind: JournalEntryKind,
  stepId: Text.optional(),
  summary: Text,
  data: JsonObject.default({}),
  graphRequestIds: z.array(Text).optional(),
});
export type JournalEntryDraft = z.input<typeof JournalEntryDraft>;

export const JournalSession = z.strictObject({
  id: Text,
  kind: SessionKind,
  title: Text,
  openedAt: UtcTimestamp,
  openedBy: Text,
  witness: Text.optional(),
  closedAt: UtcTimestamp.optional(),
  closedBy: Text.optional(),
  classification: IncidentClassification.optional(),
  /** The seq of the `session-opened` entry, for linking a session to its place in the chain. */
  openedSeq: z.number().int().min(1),
});
export type JournalSession = z.infer<typeof JournalSession>;

/**
 * The `data` key the store adds to an entry whose text held lone UTF-16 surrogates: the paths of
 * the fields in which they were replaced by U+FFFD (well-formed.ts, docs/domain.md "Journal rules").
 */
export const replacedTextFlag = 'loneSurrogatesReplaced';
const ReplacedTextFields = z.array(Text).min(1).optional();

/** The `data` of a `session-opened` entry. */
export const SessionOpenedData = z.strictObject({
  sessionKind: SessionKind,
  title: Text,
  details: JsonObject.optional(),
  [replacedTextFlag]: ReplacedTextFields,
});

/**
 * Where the store writes the chain head when the session closes (docs/domain.md, "The chain-head
 * witness file"): the folder, or why there is none. Entries written before witnesses existed lack it.
 */
export const SessionClosedHeadWitness = z.union([z.strictObject({ folder: Text }), z.strictObject({ notSet: Text })]);
export type SessionClosedHeadWitness = z.infer<typeof SessionClosedHeadWitness>;

/** The `data` of a `session-closed` entry. */
export const SessionClosedData = z.strictObject({
  classification: IncidentClassification.optional(),
  details: JsonObject.optional(),
  headWitness: SessionClosedHeadWitness.optional(),
  [replacedTextFlag]: ReplacedTextFields,
});

/**
 * Field names whose values are secret wherever they appear in an entry (matched at any depth,
 * ignoring case, `_` and `-`, so `access_token` and `AccessToken` count too). Their values are
 * replaced by "[redacted]" before anything is written. Grouped by where each secret comes from.
 */
export const journalSecretFieldNames: readonly string[] = [
  // sealed-envelope passwords and the generated replacement (shown once, never stored)
  'password',
  'newPassword',
  'currentPassword',
  // the PFX on the safe's media and the keys inside it
  'passphrase',
  'pfxPassphrase',
  'pfx',
  'pfxBytes',
  'pkcs12',
  'privateKey',
  'privateKeyPem',
  // OAuth: tokens, certificate client assertions, addKey's proof-of-possession JWT
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'assertion',
  'clientAssertion',
  'proof',
  // authorization-code + PKCE: the code and the verifier redeem a token on their own
  'code',
  'authorizationCode',
  'codeVerifier',
  // app secrets (BG-APP-04 removes them, but addPassword's response carries secretText)
  'secret',
  'clientSecret',
  'secretText',
  // security-key PINs (the simulator's), HTTP credentials
  'pin',
  'authorization',
  'cookie',
];
