import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  aadstsGuides,
  explainSignInFailure,
  namedFailureGuides,
  parseEntraError,
  type EntraFailure,
  type SignInContext,
  type SignInExplanation,
} from '../../src/core/aadsts/index.ts';
import { caBlockBody, caMessage, correlationId, timestamp, traceId, trailer } from '../helpers/aadsts-failures.ts';

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
