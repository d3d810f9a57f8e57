/**
 * A write that got no answer, or a 5xx, may have been applied: a timeout or a lost connection
 * after Graph committed looks exactly like one before, and Microsoft's error table does not say a
 * 5xx means "not done" (https://learn.microsoft.com/graph/errors). Only a 429 is known not to
 * have been carried out ("the requests fail", https://learn.microsoft.com/graph/throttling), and
 * only that is resent blind (core/graph/retry-delay.ts). Everything else is settled here by
 * reading the object again, and the custodian is told what the read showed – never that nothing
 * changed unless the read proved it.
 */
import type { JsonObject } from '../../core/journal/model.ts';
import { GraphRequestError } from './graph-connection.ts';

/** What reading the object again showed, in the custodian's words ("it is report-only now"). */
export type ReadBack = { readonly applied: boolean; readonly shows: string; readonly createdId?: string };

export type UnansweredWrite = {
  /** undefined: the read failed too, so nobody knows. */
  readonly applied: boolean | undefined;
  /** "Graph did not answer (…); the app read the policy again: it is report-only now." */
  readonly sentence: string;
  readonly createdId?: string;
  /** For the journal: the failure and the read, nothing secret. */
  readonly facts: JsonObject;
};

/** Whether a failed write may have been applied (no answer, or a 5xx). */
export function isUnansweredWrite(error: unknown): error is GraphRequestError {
  return error instanceof GraphRequestError && (error.status === 0 || error.status >= 500);
}

function lead(error: GraphRequestError): string {
  return error.status === 0
    ? 'Graph did not answer (the connection broke or timed out)'
    : `Graph did not confirm the change (HTTP ${error.status}${error.code ? ` ${error.code}` : ''})`;
}

/** Reads the object again after an unanswered write and says what it showed. */
export async function settleUnansweredWrite(
  error: GraphRequestError,
  what: string,
  read: () => Promise<ReadBack>,
): Promise<UnansweredWrite> {
  const failure = {
    status: error.status,
    ...(error.code ? { graphCode: error.code } : {}),
    ...(error.requestId ? { requestId: error.requestId } : {}),
    clientRequestId: error.clientRequestId,
    problem: error.message,
  };
  try {
    const shown = await read();
    return {
      applied: shown.applied,
      sentence: `${lead(error)}; the app read ${what} again: ${shown.shows}${shown.applied ? '.' : '; try again.'}`,
      ...(shown.createdId ? { createdId: shown.createdId } : {}),
      facts: { unanswered: failure, readBack: shown.applied ? 'applied' : 'not-applied', readShows: shown.shows },
    };
  } catch (readError) {
    const why = readError instanceof Error ? readError.message : String(readError);
    return {
      applied: undefined,
      sentence: `${lead(error)}, and reading ${what} again failed too (${why}): whether the change was made is not known.`,
      facts: { unanswered: failure, readBack: 'unknown', readProblem: why },
    };
  }
}
