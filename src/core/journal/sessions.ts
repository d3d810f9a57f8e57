/**
 * Session rules, decided from the entries alone: how a session is opened and closed, and
 * whether an entry may still be added to it. The store runs these inside its write transaction.
 */
import { ActionableError } from '../../shared/actionable-error.ts';
import {
  type IncidentClassification,
  type JournalEntry,
  type JournalEntryDraft,
  type JournalSession,
  type JsonObject,
  SessionClosedData,
  type SessionClosedHeadWitness,
  SessionOpenedData,
  type SessionKind,
} from './model.ts';

export type OpenSessionInput = {
  readonly kind: SessionKind;
  readonly title: string;
  readonly actor: string;
  readonly witness?: string | undefined;
  /** e.g. the incident reference and reason, or the drill's scenario. */
  readonly details?: JsonObject | undefined;
};

export type CloseSessionInput = {
  readonly actor: string;
  readonly witness?: string | undefined;
  /** Required for incidents, refused for every other kind. */
  readonly classification?: IncidentClassification | undefined;
  readonly details?: JsonObject | undefined;
};

const classificationWords: Record<IncidentClassification, string> = {
  drill: 'a drill',
  'real-emergency': 'a real emergency',
  misuse: 'misuse',
};

export function sessionOpenedDraft(sessionId: string, input: OpenSessionInput): JournalEntryDraft {
  return {
    sessionId,
    actor: input.actor,
    ...(input.witness !== undefined ? { witness: input.witness } : {}),
    kind: 'session-opened',
    summary: `${input.actor} opened the ${input.kind} "${input.title}"${input.witness ? `, witnessed by ${input.witness}` : ''}.`,
    data: { sessionKind: input.kind, title: input.title, ...(input.details ? { details: input.details } : {}) },
  };
}

/**
 * The `session-closed` entry. `headWitness` is where the store will write the chain head once the
 * entry is committed (or why it writes none); the entry records it so the journal itself says
 * where to look (docs/domain.md, "Journal rules").
 */
export function sessionClosedDraft(
  session: JournalSession,
  input: CloseSessionInput,
  headWitness?: SessionClosedHeadWitness,
): JournalEntryDraft {
  assertOpen(session);
  if (session.kind === 'incident' && input.classification === undefined) {
    throw new ActionableError(
      `The incident "${session.title}" cannot be closed without a classification.`,
      'Choose what it was: a drill, a real emergency, or misuse of the break-glass access.',
    );
  }
  if (session.kind !== 'incident' && input.classification !== undefined) {
    throw new ActionableError(
      `Only incidents are classified; "${session.title}" is a ${session.kind}.`,
      'Close it without a classification.',
    );
  }
  const classified = input.classification ? ` as ${classificationWords[input.classification]}` : '';
  return {
    sessionId: session.id,
    actor: input.actor,
    ...(input.witness !== undefined ? { witness: input.witness } : {}),
    kind: 'session-closed',
    summary: `${input.actor} closed the ${session.kind} "${session.title}"${classified}.`,
    data: {
      ...(input.classification ? { classification: input.classification } : {}),
      ...(input.details ? { details: input.details } : {}),
      ...(headWitness ? { headWitness } : {}),
    },
  };
}

/** Builds sessions from their `session-opened` / `session-closed` entries, in seq order. */
export function foldSessions(markers: Iterable<JournalEntry>): JournalSession[] {
  const sessions = new Map<string, JournalSession>();
  for (const entry of markers) {
    if (entry.kind === 'session-opened') {
      const data = SessionOpenedData.safeParse(entry.data);
      if (!data.success || sessions.has(entry.sessionId)) throw unreadableMarker(entry);
      sessions.set(entry.sessionId, {
        id: entry.sessionId,
        kind: data.data.sessionKind,
        title: data.data.title,
        openedAt: entry.at,
        openedBy: entry.actor,
        ...(entry.witness ? { witness: entry.witness } : {}),
        openedSeq: entry.seq,
      });
    } else if (entry.kind === 'session-closed') {
      const data = SessionClosedData.safeParse(entry.data);
      const session = sessions.get(entry.sessionId);
      if (!data.success || !session || session.closedAt) throw unreadableMarker(entry);
      sessions.set(entry.sessionId, {
        ...session,
        closedAt: entry.at,
        closedBy: entry.actor,
        ...(data.data.classification ? { classification: data.data.classification } : {}),
      });
    }
  }
  return [...sessions.values()];
}

/** An entry may only go into a session that was opened and is not yet closed. */
export function assertAppendable(session: JournalSession | undefined, sessionId: string): asserts session is JournalSession {
  if (!session) {
    throw new ActionableError(
      `There is no session "${sessionId}" in this journal.`,
      'Open a session (incident, drill, rotation, review, check or sign-in) first, then record the action in it.',
    );
  }
  assertOpen(session);
}

function assertOpen(session: JournalSession): void {
  if (session.closedAt) {
    throw new ActionableError(
      `The ${session.kind} "${session.title}" was closed at ${session.closedAt}; nothing more can be added to it.`,
      'Open a new session for further actions, and mention the closed one in its details.',
    );
  }
}

function unreadableMarker(entry: JournalEntry): ActionableError {
  return new ActionableError(
    `Journal entry ${entry.seq} does not describe a session opening or closing the way the app writes them.`,
    'Run "breakglass journal verify" on this file: the journal may have been altered.',
  );
}
