/**
 * A sign-in failure as Entra reports it, for the AADSTS tests: the ids and the trailer Entra
 * appends to a description, and the Conditional Access block itself.
 */

export const traceId = '0000aaaa-11bb-cccc-dd33-eeeeee333333';
export const correlationId = 'aaaa0000-bb11-2222-33cc-444444dddddd';
export const timestamp = '2022-02-11 13:06:36Z';
export const trailer = `\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`;
export const caMessage =
  'AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.';

/** The real CA block captured from Entra (docs/microsoft-behaviour.md, "Token-endpoint errors"). */
export const caBlockBody = {
  error: 'interaction_required',
  error_description: `${caMessage}${trailer}`,
  error_codes: [53003],
  timestamp,
  trace_id: traceId,
  correlation_id: correlationId,
  error_uri: 'https://login.microsoft.com/error?code=53003',
  suberror: 'message_only',
};
