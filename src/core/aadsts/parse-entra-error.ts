/**
 * Turns whatever a failed sign-in gives us into one normalized EntraFailure.
 *
 * The same Entra error reaches us in several wrappings:
 * - Entra's token-endpoint body (docs/microsoft-behaviour.md, "Token-endpoint errors"): `error`, `error_description`,
 *   `error_codes`, `trace_id`, `correlation_id`, `timestamp`, `suberror`; the description ends in
 *   "\r\nTrace ID: …\r\nCorrelation ID: …\r\nTimestamp: …" lines.
 * - msal's InteractionRequiredAuthError: `errorCode`, `errorMessage` (the raw description),
 *   `subError`, `traceId`, `timestamp`, `correlationId` (docs/microsoft-behaviour.md, "Token-endpoint errors").
 * - msal's ServerError: `errorMessage` is msal-common ResponseHandler's envelope
 *   "Error(s): 50076 - Timestamp: … - Description: AADSTS50076: … - Correlation ID: … - Trace ID: …",
 *   and `message` prefixes it with "invalid_grant: ".
 * - msal's client errors (`network_error` …) and a bare fetch failure (TypeError "fetch failed").
 * - A redirect's query: `error`, `error_description`, `error_subcode` (e.g. `cancel`).
 */

export type EntraFailure = {
  /** The most specific AADSTS code: the last one in Microsoft's text, else the last of error_codes. */
  code?: number;
  error?: string;
  suberror?: string;
  /** Microsoft's text without the trailing Trace ID / Correlation ID / Timestamp lines. */
  description?: string;
  traceId?: string;
  correlationId?: string;
  timestamp?: string;
  /** The HTTP status of the failed request, when known (429 and 503 mean "busy, try again"). */
  httpStatus?: number;
};

type Fields = Readonly<Record<string, unknown>>;

/** msal-common writes this (Constants.NOT_AVAILABLE) into its envelope for a missing field. */
const notAvailable = 'Not Available';

/**
 * msal-browser/-node's own pointer, not Microsoft Entra's words: for an error redirect without a
 * description msal writes "See https://aka.ms/msal.js.errors#<error> for details".
 */
const msalPointer = /^See https:\/\/aka\.ms\/msal\.js\.errors#\S* for details\.?$/;

const text = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' || trimmed === notAvailable || msalPointer.test(trimmed) ? undefined : trimmed;
};

const integer = (value: unknown): number | undefined => {
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(parsed) ? parsed : undefined;
};

/** error_codes arrives as an array (Entra's body) or as "70002,50012" (msal's envelope). */
const codeList = (value: unknown): number[] => {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,\s]+/) : [];
  return items.map(integer).filter((code): code is number => code !== undefined);
};

function fieldsOf(input: unknown): Fields {
  if (typeof input === 'string') return { message: input };
  if (input instanceof URLSearchParams) return Object.fromEntries(input);
  if (typeof input === 'object' && input !== null) return input as Fields;
  return {};
}

/** msal-common's ServerError envelope (ResponseHandler.validateTokenResponse). */
const msalEnvelope =
  /^Error\(s\):\s*([^]*?)\s+-\s+Timestamp:\s*([^]*?)\s+-\s+Description:\s*([^]*?)\s+-\s+Correlation ID:\s*([^]*?)\s+-\s+Trace ID:\s*([^]*?)\s*$/;

type Envelope = { codes: number[]; timestamp?: string; description?: string; correlationId?: string; traceId?: string };

function openEnvelope(message: string): Envelope | undefined {
  const match = msalEnvelope.exec(message);
  if (!match) return undefined;
  const [, codes, timestamp, description, correlationId, traceId] = match;
  return {
    codes: codeList(codes),
    timestamp: text(timestamp),
    description: text(description),
    correlationId: text(correlationId),
    traceId: text(traceId),
  };
}

type TrailerLabel = 'Trace ID' | 'Correlation ID' | 'Timestamp';

/**
 * The last "Label: value" of Entra's trailer. A value never runs into the next label, so a trailer
 * that lost its line breaks ("… Trace ID: a Correlation ID: b Timestamp: c") still splits.
 */
const trailerLine = /\s*(Trace ID|Correlation ID|Timestamp):[ \t]*((?:(?!Trace ID:|Correlation ID:|Timestamp:)[^\r\n])*)\s*$/;

function splitTrailer(description: string): { body: string; trailer: Partial<Record<TrailerLabel, string>> } {
  const trailer: Partial<Record<TrailerLabel, string>> = {};
  let body = description;
  for (let match = trailerLine.exec(body); match; match = trailerLine.exec(body)) {
    const label = match[1] as TrailerLabel;
    trailer[label] ??= text(match[2]);
    body = body.slice(0, match.index);
  }
  return { body: body.trim(), trailer };
}

/** msal's `message` is "<errorCode>: <errorMessage>"; the prefix is not Microsoft's text. */
function withoutErrorPrefix(message: string, error: string | undefined): { message: string; error?: string } {
  if (error && message.startsWith(`${error}: `)) return { message: message.slice(error.length + 2), error };
  const prefixed = /^([a-z]+(?:_[a-z]+)+):\s+(?=Error\(s\):|AADSTS)/.exec(message);
  if (!error && prefixed?.[1]) return { message: message.slice(prefixed[0].length), error: prefixed[1] };
  return { message, error };
}

const socketErrorCode = (value: unknown): string | undefined => {
  const code = text(value);
  return code !== undefined && /^(E[A-Z]+|UND_ERR_\w+)$/.test(code) ? code : undefined;
};

/**
 * Node's fetch rejects with TypeError "fetch failed" and the socket error (ECONNREFUSED,
 * ENOTFOUND …) as its `cause`; a socket error may also arrive on its own.
 */
function fetchFailure(fields: Fields): string | undefined {
  const message = text(fields.message);
  const cause = fieldsOf(fields.cause);
  const looksLikeFetch = fields.name === 'TypeError' && message !== undefined && /fetch failed/i.test(message);
  const socketCode = socketErrorCode(cause.code) ?? socketErrorCode(fields.code);
  if (!looksLikeFetch && socketCode === undefined) return undefined;
  const detail = text(cause.message) ?? socketCode;
  if (message === undefined) return detail;
  return detail === undefined || message.includes(detail) ? message : `${message} (${detail})`;
}

const lastOf = (codes: readonly number[]): number | undefined => codes[codes.length - 1];

function codeFrom(fields: Fields, description: string | undefined, envelope: Envelope | undefined): number | undefined {
  const inText = [...(description ?? '').matchAll(/AADSTS(\d+)/g)].map((match) => Number(match[1]));
  const fromUri = /[?&]code=(\d+)/.exec(text(fields.error_uri) ?? '')?.[1];
  return (
    lastOf(inText) ?? lastOf(codeList(fields.error_codes)) ?? lastOf(envelope?.codes ?? []) ?? integer(fields.errorNo) ?? integer(fromUri)
  );
}

const httpStatusFrom = (fields: Fields): number | undefined => {
  const status = integer(fields.status) ?? integer(fields.httpStatus);
  return status !== undefined && status >= 100 && status <= 599 ? status : undefined;
};

export function parseEntraError(input: unknown): EntraFailure {
  const fields = fieldsOf(input);
  const networkDescription = fetchFailure(fields);
  const unwrapped = withoutErrorPrefix(
    text(fields.error_description) ?? text(fields.errorMessage) ?? text(fields.message) ?? '',
    text(fields.error) ?? text(fields.errorCode) ?? (networkDescription !== undefined ? 'network_error' : undefined),
  );
  const envelope = openEnvelope(unwrapped.message);
  const { body, trailer } = splitTrailer(networkDescription ?? (envelope ? (envelope.description ?? '') : unwrapped.message));

  const failure: EntraFailure = {
    code: codeFrom(fields, body, envelope),
    error: unwrapped.error,
    suberror: text(fields.suberror) ?? text(fields.subError) ?? text(fields.error_subcode),
    description: text(body),
    traceId: text(fields.trace_id) ?? text(fields.traceId) ?? envelope?.traceId ?? trailer['Trace ID'],
    // msal's own correlationId is the client-request-id it sent, which Entra echoes; the server's wins.
    correlationId: text(fields.correlation_id) ?? envelope?.correlationId ?? trailer['Correlation ID'] ?? text(fields.correlationId),
    timestamp: text(fields.timestamp) ?? envelope?.timestamp ?? trailer.Timestamp,
    httpStatus: httpStatusFrom(fields),
  };
  return Object.fromEntries(Object.entries(failure).filter(([, value]) => value !== undefined)) as EntraFailure;
}
