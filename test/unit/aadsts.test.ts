import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import {
  aadstsGuides,
  explainSignInFailure,
  namedFailureGuides,
  parseEntraError,
  type EntraFailure,
  type SignInContext,
  type SignInExplanation,
} from '../../src/core/aadsts/index.ts';

const traceId = '0000aaaa-11bb-cccc-dd33-eeeeee333333';
const correlationId = 'aaaa0000-bb11-2222-33cc-444444dddddd';
const timestamp = '2022-02-11 13:06:36Z';
const trailer = `\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`;
const caMessage = 'AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.';

/** The real CA block captured from Entra (docs/microsoft-behaviour.md, "Token-endpoint errors"). */
const caBlockBody = {
  error: 'interaction_required',
  error_description: `${caMessage}${trailer}`,
  error_codes: [53003],
  timestamp,
  trace_id: traceId,
  correlation_id: correlationId,
  error_uri: 'https://login.microsoft.com/error?code=53003',
  suberror: 'message_only',
};

const paths = ['security-key', 'certificate', 'device-code'] as const;
const contexts: (SignInContext | undefined)[] = [
  undefined,
  ...paths.flatMap((path) =>
    [true, false].flatMap((otherAccountAvailable) =>
      [true, false].map((appPathAvailable) => ({ path, otherAccountAvailable, appPathAvailable })),
    ),
  ),
];

const mentionsAppPath = (explanation: SignInExplanation) =>
  explanation.alternatives.includes('app-certificate') || explanation.nextSteps.some((step) => /app certificate/i.test(step));

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

describe('explainSignInFailure', () => {
  const runbookCodes = [53003, 50076, 50079, 50053, 50057, 50126, 700027, 700024, 7000215, 7000222, 220501];

  test("explains every code in the runbook's list in plain words, with next steps", () => {
    for (const code of runbookCodes) {
      const explanation = explainSignInFailure({ code }, { path: code >= 700000 && code < 8000000 ? 'certificate' : 'security-key' });
      assert.equal(explanation.known, true, `AADSTS${code} is known`);
      assert.equal(explanation.code, code);
      assert.ok(explanation.title.length > 0 && !explanation.title.includes('AADSTS'), `AADSTS${code} has a plain title`);
      assert.ok(explanation.explanation.length > 0, `AADSTS${code} is explained`);
      assert.ok(explanation.nextSteps.length > 0, `AADSTS${code} has next steps`);
    }
  });

  test('a Conditional Access block offers the app certificate and the other account, then the repair', () => {
    const explanation = explainSignInFailure(parseEntraError(caBlockBody), { path: 'security-key' });
    assert.equal(explanation.title, 'Blocked by a Conditional Access policy');
    assert.deepEqual(explanation.alternatives, ['app-certificate', 'other-account']);
    assert.deepEqual(explanation.nextSteps, [
      'Sign in with the app certificate instead: user Conditional Access policies do not apply to it.',
      'Or try the other break-glass account.',
      'Once you are in, add the break-glass exclusion back to the blocking policy (Recovery actions).',
      'Afterwards, run the readiness checks: BG-CA-01 names every policy that still applies to a break-glass account.',
    ]);
    assert.equal(explanation.microsoftMessage, caMessage);
    assert.equal(explanation.traceId, traceId);
    assert.equal(explanation.correlationId, correlationId);
    assert.equal(explanation.timestamp, timestamp);
  });

  test('does not suggest the app path when no app is configured', () => {
    const explanation = explainSignInFailure({ code: 53003 }, { path: 'security-key', appPathAvailable: false });
    assert.equal(mentionsAppPath(explanation), false);
    assert.deepEqual(explanation.alternatives, ['other-account']);
    assert.equal(explanation.nextSteps[0], 'Try the other break-glass account.');
  });

  test('a Conditional Access block of the app points to the user account and the workload-identity policies', () => {
    const explanation = explainSignInFailure({ code: 53003 }, { path: 'certificate' });
    assert.match(explanation.title, /workload identities/);
    assert.deepEqual(explanation.alternatives, ['security-key']);
    assert.ok(explanation.nextSteps.some((step) => step.includes('BG-CA-05')));
  });

  test('when no other way in is left, says who can still help and quotes the trace ID', () => {
    const explanation = explainSignInFailure(
      { code: 53003, traceId },
      { path: 'security-key', appPathAvailable: false, otherAccountAvailable: false },
    );
    assert.deepEqual(explanation.alternatives, []);
    assert.ok(explanation.nextSteps.some((step) => step.includes('Microsoft support') && step.includes(traceId)));
  });

  test('MFA required or registration asked: use the security key, not the password', () => {
    for (const code of [50076, 50079, 50074]) {
      const explanation = explainSignInFailure({ code }, { path: 'security-key' });
      assert.equal(explanation.alternatives[0], 'security-key', `AADSTS${code}`);
      assert.match(explanation.nextSteps[0] ?? '', /security key/);
    }
  });

  test('a locked account: use the other account meanwhile, or wait', () => {
    const explanation = explainSignInFailure({ code: 50053 }, { path: 'security-key' });
    assert.deepEqual(explanation.alternatives, ['other-account', 'app-certificate', 'wait-and-retry']);
    assert.match(explanation.explanation, /lifts by itself/);
  });

  test('a disabled account: other account or app path, and re-enable it afterwards', () => {
    const explanation = explainSignInFailure({ code: 50057 }, { path: 'security-key' });
    assert.deepEqual(explanation.alternatives, ['other-account', 'app-certificate']);
    assert.ok(explanation.nextSteps.some((step) => step.includes('re-enable')));
  });

  test('a rejected certificate: check the PFX and BG-APP-03; a clock error: check the clock', () => {
    const certificate = explainSignInFailure({ code: 700027 }, { path: 'certificate' });
    assert.equal(certificate.alternatives[0], 'check-certificate');
    assert.ok(certificate.nextSteps.some((step) => step.includes('BG-APP-03')));
    assert.ok(certificate.alternatives.includes('security-key'));

    const clock = explainSignInFailure({ code: 700024 }, { path: 'certificate' });
    assert.equal(clock.alternatives[0], 'check-clock');
  });

  test('a client secret that fails says break-glass apps should use certificates', () => {
    for (const code of [7000215, 7000222]) {
      const explanation = explainSignInFailure({ code }, { path: 'certificate' });
      assert.match(explanation.explanation, /certificate, not a secret/);
      assert.ok(explanation.nextSteps.some((step) => step.includes('BG-APP-04')));
    }
  });

  test('a failed CRL download for certificate-based auth suggests the security key', () => {
    const explanation = explainSignInFailure({ code: 220501 }, { path: 'security-key' });
    assert.match(explanation.explanation, /revocation list/);
    assert.equal(explanation.alternatives[0], 'security-key');
  });

  test("an unknown code keeps Microsoft's message, the code and the trace ID", () => {
    const failure = parseEntraError({
      error: 'invalid_request',
      error_description: `AADSTS99999: Something new went wrong.${trailer}`,
      error_codes: [99999],
    });
    const explanation = explainSignInFailure(failure, { path: 'security-key' });
    assert.equal(explanation.known, false);
    assert.equal(explanation.title, 'Microsoft refused the sign-in');
    assert.equal(explanation.code, 99999);
    assert.equal(explanation.microsoftMessage, 'AADSTS99999: Something new went wrong.');
    assert.equal(explanation.traceId, traceId);
    assert.match(explanation.explanation, /AADSTS99999: Something new went wrong\./);
    assert.ok(explanation.explanation.includes(traceId));
    assert.ok(explanation.nextSteps[0]?.startsWith('Write down') && explanation.nextSteps[0].includes(traceId));
    assert.ok(explanation.alternatives.includes('app-certificate') && explanation.alternatives.includes('other-account'));
  });

  test('a cancelled sign-in is reported as cancelled, even when Entra adds a code', () => {
    for (const failure of [
      { error: 'access_denied', suberror: 'cancel' },
      { error: 'access_denied', suberror: 'cancel', code: 65004 },
      { error: 'user_canceled' },
    ]) {
      const explanation = explainSignInFailure(failure, { path: 'security-key' });
      assert.equal(explanation.title, 'Sign-in cancelled');
      assert.equal(explanation.known, true);
    }
  });

  test("a network failure says Microsoft can't be reached and what to check", () => {
    const explanation = explainSignInFailure(parseEntraError(new TypeError('fetch failed')), { path: 'certificate' });
    assert.equal(explanation.title, "Can't reach Microsoft");
    assert.ok(explanation.nextSteps.some((step) => step.includes('proxy')));
    assert.ok(explanation.nextSteps.some((step) => step.includes('endpoints')));
  });

  test('interaction_required without a code still gets advice', () => {
    const explanation = explainSignInFailure({ error: 'interaction_required' }, { path: 'security-key' });
    assert.equal(explanation.known, true);
    assert.equal(explanation.alternatives[0], 'security-key');
  });

  test('a busy service (90006, 90055, HTTP 429 or 503) says wait and retry', () => {
    for (const failure of [{ code: 90006 }, { code: 90055 }, { httpStatus: 429 }, { httpStatus: 503, error: 'temporarily_unavailable' }]) {
      const explanation = explainSignInFailure(failure);
      assert.equal(explanation.title, 'Microsoft is busy right now');
      assert.deepEqual(explanation.alternatives, ['wait-and-retry']);
    }
  });

  test('a pending device-code sign-in is not reported as a failure', () => {
    const explanation = explainSignInFailure({ code: 70016, error: 'authorization_pending' }, { path: 'device-code' });
    assert.equal(explanation.stillWaiting, true);
    const expired = explainSignInFailure({ code: 70019, error: 'expired_token' }, { path: 'device-code' });
    assert.equal(expired.stillWaiting, undefined);
    assert.match(expired.title, /expired/);
  });

  test('never leaves a dangling "Or" when the step before it was left out', () => {
    for (const context of contexts) {
      const explanation = explainSignInFailure({ code: 50057 }, context);
      const first = explanation.nextSteps[0] ?? '';
      assert.ok(!first.startsWith('Or '), `${JSON.stringify(context)}: ${first}`);
    }
  });
});

describe('the table of sign-in failures', () => {
  /** A failure that reaches each named guide, as the parser produces it. */
  const namedFailures: Record<keyof typeof namedFailureGuides, EntraFailure> = {
    cancelled: { error: 'access_denied', suberror: 'cancel' },
    network: { error: 'network_error' },
    'interaction-required': { error: 'interaction_required' },
    'service-busy': { httpStatus: 429 },
    'device-code-expired': { error: 'expired_token' },
    'device-code-declined': { error: 'authorization_declined' },
  };
  const guides = [
    ...Object.entries(aadstsGuides).map(([code, guide]) => ({
      name: `AADSTS${code}`,
      failure: { code: Number(code) } as EntraFailure,
      guide,
    })),
    ...Object.entries(namedFailureGuides).map(([name, guide]) => ({
      name,
      failure: namedFailures[name as keyof typeof namedFailureGuides],
      guide,
    })),
  ];

  test('each failure without a code reaches its own entry', () => {
    for (const [name, failure] of Object.entries(namedFailures)) {
      assert.equal(explainSignInFailure(failure).title, namedFailureGuides[name as keyof typeof namedFailureGuides].title, name);
    }
  });

  test('covers the AADSTS codes a break-glass sign-in can meet', () => {
    const required = [
      53003, 53000, 530032, 530035, 50076, 50079, 50074, 50053, 50057, 50126, 50034, 50173, 700027, 700024, 700016, 7000215, 7000222,
      7000218, 7000112, 50012, 70002, 700021, 50013, 90002, 70011, 700022, 28000, 1002012, 500011, 50011, 54005, 70008, 9002313, 501481,
      70016, 70019, 70000, 90006, 90055, 220501, 90072, 50020, 65001, 65002, 90094, 90095, 50105, 50133, 70043, 700082, 53011,
    ];
    for (const code of required) assert.ok(aadstsGuides[code], `AADSTS${code} is in the table`);
  });

  test('every entry has at least one next step on every path, and no step is empty', () => {
    for (const { name, failure, guide } of guides) {
      assert.ok(guide.title.trim() && guide.explanation.trim(), `${name} has a title and an explanation`);
      assert.ok(guide.nextSteps.length > 0, `${name} has next steps`);
      for (const context of contexts) {
        const { nextSteps } = explainSignInFailure(failure, context);
        assert.ok(nextSteps.length > 0, `${name} on ${JSON.stringify(context)} has a next step`);
        for (const step of nextSteps) assert.ok(step.trim().length > 0, `${name} on ${JSON.stringify(context)} has an empty step`);
      }
    }
  });

  test('no entry suggests a way in that is not open', () => {
    for (const { name, failure } of guides) {
      const noApp = explainSignInFailure(failure, { path: 'security-key', appPathAvailable: false });
      assert.ok(!noApp.alternatives.includes('app-certificate'), `${name} suggests the app path though none is configured`);
      assert.ok(
        !noApp.nextSteps.some((step) => /app certificate/i.test(step)),
        `${name} mentions the app certificate though none is configured`,
      );
      const onApp = explainSignInFailure(failure, { path: 'certificate' });
      assert.ok(
        !onApp.alternatives.includes('app-certificate') && !onApp.alternatives.includes('other-account'),
        `${name} on the app path`,
      );
    }
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

/**
 * Advice checked against Microsoft's error-code reference
 * (https://learn.microsoft.com/entra/identity-platform/reference-error-codes) and followable with
 * Microsoft's own sign-in client, Microsoft Graph Command Line Tools, whose registration a tenant
 * cannot change (issue 12, item 9).
 */
describe('consent, assignment and Microsoft’s own sign-in client', () => {
  const onKey = (code: number, context: Partial<SignInContext> = {}) =>
    explainSignInFailure({ code }, { path: 'security-key', otherAccountAvailable: true, appPathAvailable: true, ...context });
  const all = (explanation: SignInExplanation) => [explanation.title, explanation.explanation, ...explanation.nextSteps].join(' ');

  test('50011 never tells the custodian to edit Microsoft’s app: a redirect URI is added only to a sign-in app of the tenant’s own', () => {
    const explained = onKey(50011);
    assert.equal(explained.alternatives[0], 'device-code');
    for (const step of explained.nextSteps.filter((s) => /redirect URI/i.test(s))) assert.match(step, /publicClientId/, step);
    assert.match(all(explained), /Microsoft Graph Command Line Tools cannot be changed/);
  });

  test('7000112 on the account path is the sign-in app’s service principal, turned on again in Enterprise applications (BG-CLI-01)', () => {
    const explained = onKey(7000112);
    assert.match(explained.explanation, /sign-in app/);
    assert.match(explained.explanation, /service principal in this tenant/);
    assert.ok(explained.nextSteps.some((s) => s.includes('BG-CLI-01') && s.includes('Enabled for users to sign in')));
    assert.match(explainSignInFailure({ code: 7000112 }, { path: 'certificate' }).nextSteps.join(' '), /BG-APP-01/);
  });

  test('50076 says what Microsoft says (policy, per-user MFA, location) and asks for a new sign-in with the key', () => {
    const explained = onKey(50076);
    assert.match(explained.explanation, /location/);
    assert.match(explained.nextSteps[0] ?? '', /new sign-in/);
    assert.match(explainSignInFailure({ code: 50076 }, { path: 'certificate' }).explanation, /cannot give/);
  });

  test('65001: sign in interactively so a Global Administrator sees the consent page, and tick the organization box', () => {
    const explained = onKey(65001);
    assert.match(explained.nextSteps[0] ?? '', /consent page/);
    assert.match(explained.nextSteps[0] ?? '', /Consent on behalf of your organization/);
    assert.ok(explained.nextSteps.some((s) => s.includes('BG-CLI-01')));
  });

  test('65002: no consent can fix a Microsoft app Microsoft has not preauthorized – fix the inventory', () => {
    const explained = onKey(65002);
    assert.match(explained.explanation, /no consent in the tenant can change that/);
    assert.ok(explained.nextSteps.some((s) => s.includes('publicClientId')));
  });

  test('90094 and 90095 name who may consent, and offer the ways in that do not need it', () => {
    for (const code of [90094, 90095]) {
      const explained = onKey(code);
      assert.match(all(explained), /Global Administrator or a Privileged Role Administrator/, `AADSTS${code}`);
      assert.match(all(explained), /Cloud Application or Application Administrator/, `AADSTS${code}`);
      assert.deepEqual(explained.alternatives, ['app-certificate', 'other-account'], `AADSTS${code}`);
    }
    assert.match(all(onKey(90095)), /Admin consent requests/);
  });

  test('50105: assign the accounts to the sign-in app (or turn off “Assignment required”), checked by BG-CLI-01', () => {
    const explained = onKey(50105);
    assert.match(explained.explanation, /Assignment required/);
    assert.ok(explained.nextSteps.some((s) => s.includes('Users and groups') && s.includes('BG-CLI-01')));
  });

  test('50133, 70043 and 700082 ask for a fresh sign-in with the key; 53011 points at Identity Protection', () => {
    assert.match(onKey(50133).explanation, /password expired or was changed/);
    assert.match(onKey(70043).explanation, /sign-in frequency/);
    assert.match(onKey(700082).explanation, /too long/);
    for (const code of [50133, 70043, 700082]) assert.equal(onKey(code).alternatives[0], 'security-key', `AADSTS${code}`);
    const risky = onKey(53011);
    assert.match(risky.explanation, /risky/);
    assert.ok(risky.nextSteps.some((s) => s.includes('Risky users')));
  });
});
