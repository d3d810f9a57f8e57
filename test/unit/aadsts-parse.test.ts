import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { explainSignInFailure, parseEntraError, type EntraFailure } from '../../src/core/aadsts/index.ts';
import { caBlockBody, caMessage, correlationId, timestamp, traceId, trailer } from '../helpers/aadsts-failures.ts';

describe('parseEntraError', () => {
  test("reads Entra's error body: code, error, suberror, ids and the message without its trailer", () => {
    assert.deepEqual(parseEntraError(caBlockBody), {
      code: 53003,
      error: 'interaction_required',
      suberror: 'message_only',
      description: caMessage,
      traceId,
      correlationId,
      timestamp,
    });
  });

  test('takes the ids from the \\r\\n lines of the description when the body fields are missing', () => {
    const failure = parseEntraError({ error: 'invalid_grant', error_description: `AADSTS50057: The user account is disabled.${trailer}` });
    assert.equal(failure.code, 50057);
    assert.equal(failure.description, 'AADSTS50057: The user account is disabled.');
    assert.equal(failure.traceId, traceId);
    assert.equal(failure.correlationId, correlationId);
    assert.equal(failure.timestamp, timestamp);
  });

  test('splits a trailer that lost its line breaks', () => {
    const failure = parseEntraError({
      error_description: `AADSTS50053: Your account is locked. Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    });
    assert.equal(failure.description, 'AADSTS50053: Your account is locked.');
    assert.equal(failure.traceId, traceId);
    assert.equal(failure.timestamp, timestamp);
  });

  test("unwraps msal's ServerError message, prefixed with the error and wrapped in its envelope", () => {
    const description =
      "AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.";
    const errorMessage = `Error(s): 50076 - Timestamp: ${timestamp} - Description: ${description}${trailer} - Correlation ID: ${correlationId} - Trace ID: ${traceId}`;
    const expected: EntraFailure = {
      code: 50076,
      error: 'invalid_grant',
      suberror: 'basic_action',
      description,
      traceId,
      correlationId,
      timestamp,
      httpStatus: 400,
    };

    // msal's ServerError itself, built as msal-common's ResponseHandler builds it …
    assert.deepEqual(
      parseEntraError(new ServerError('invalid_grant', correlationId, errorMessage, 'basic_action', '50076', 400)),
      expected,
    );
    // … and only its message, as logged or journaled.
    const fromMessage = parseEntraError(`invalid_grant: ${errorMessage}`);
    assert.equal(fromMessage.code, 50076);
    assert.equal(fromMessage.error, 'invalid_grant');
    assert.equal(fromMessage.description, description);
    assert.equal(fromMessage.traceId, traceId);
    assert.equal(fromMessage.correlationId, correlationId);
    assert.equal(fromMessage.timestamp, timestamp);
  });

  test("reads msal's InteractionRequiredAuthError, whose errorMessage is Entra's raw description", () => {
    const error = new InteractionRequiredAuthError(
      'interaction_required',
      correlationId,
      `${caMessage}${trailer}`,
      'message_only',
      timestamp,
      traceId,
      '',
      '53003',
    );
    assert.deepEqual(parseEntraError(error), {
      code: 53003,
      error: 'interaction_required',
      suberror: 'message_only',
      description: caMessage,
      traceId,
      correlationId,
      timestamp,
    });
  });

  test('takes the most specific code when Entra sends several: the last AADSTS code in the text', () => {
    const failure = parseEntraError({
      error: 'invalid_client',
      error_description: `AADSTS70002: Error validating credentials. AADSTS50012: Client assertion audience claim does not match Realm issuer.${trailer}`,
      error_codes: [70002, 50012],
    });
    assert.equal(failure.code, 50012);
    assert.equal(parseEntraError({ error: 'invalid_client', error_codes: [70002, 50012] }).code, 50012);
  });

  test('reads a redirect that reports a cancelled sign-in', () => {
    assert.deepEqual(parseEntraError(new URLSearchParams('error=access_denied&error_subcode=cancel')), {
      error: 'access_denied',
      suberror: 'cancel',
    });
    const withCode = parseEntraError({
      error: 'access_denied',
      error_subcode: 'cancel',
      error_description: 'AADSTS65004: User declined to consent to access the app.',
    });
    assert.equal(withCode.suberror, 'cancel');
    assert.equal(withCode.code, 65004);
  });

  test('recognises a fetch that could not reach Microsoft as a network error', () => {
    const fetchError = Object.assign(new TypeError('fetch failed'), {
      cause: { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND login.microsoftonline.com' },
    });
    assert.deepEqual(parseEntraError(fetchError), {
      error: 'network_error',
      description: 'fetch failed (getaddrinfo ENOTFOUND login.microsoftonline.com)',
    });
  });

  test('ignores the "Not Available" placeholders msal writes for missing fields', () => {
    const failure = parseEntraError({
      errorCode: 'invalid_request',
      errorMessage:
        'Error(s): Not Available - Timestamp: Not Available - Description: Not Available - Correlation ID: Not Available - Trace ID: Not Available',
    });
    assert.deepEqual(failure, { error: 'invalid_request' });
  });
});

describe('a cancelled sign-in through msal-node', () => {
  test('a bare access_denied (msal drops the subcode) reads as cancelled, without msal’s pointer posing as Microsoft’s words', () => {
    const error = new ServerError('access_denied', 'See https://aka.ms/msal.js.errors#access_denied for details');
    const explained = explainSignInFailure(parseEntraError(error), { path: 'security-key' });
    assert.match(explained.title, /cancelled/i);
    assert.equal(explained.microsoftMessage, undefined);
  });
});
