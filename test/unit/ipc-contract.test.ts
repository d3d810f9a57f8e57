import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { ArmRequestError } from '../../src/main/entra/arm-connection.ts';
import { createDispatcher } from '../../src/main/ipc/dispatch.ts';
import { ActionableError } from '../../src/shared/actionable-error.ts';
import { channelNames, type ChannelName } from '../../src/shared/ipc/channels.ts';
import { contract, type HandlerTable } from '../../src/shared/ipc/contract.ts';
import type { IpcEnvelope } from '../../src/shared/ipc/errors.ts';
import { createBridge } from '../../src/preload/bridge.ts';
import { validStatus } from '../helpers/fixtures.ts';
import { recordingHandlers, startTestServices } from '../helpers/services.ts';

function errorOf(envelope: IpcEnvelope) {
  assert.equal(envelope.ok, false, `expected a failure, got ${JSON.stringify(envelope)}`);
  return (envelope as Extract<IpcEnvelope, { ok: false }>).error;
}

const calls: ChannelName[] = [];
const goodHandlers: HandlerTable = recordingHandlers(startTestServices(), calls);

/** Inputs that no channel accepts: wrong types, extra keys, nothing at all. */
const malformedInputs: ReadonlyArray<[string, unknown]> = [
  ['a string', 'app'],
  ['a number', 42],
  ['null', null],
  ['an array', []],
  ['undefined', undefined],
  ['an unexpected key', { unexpected: true }],
];

describe('IPC contract', () => {
  test('declares exactly the channel names the preload lets through', () => {
    assert.deepEqual(Object.keys(contract).sort(), [...channelNames].sort());
  });

  for (const channel of channelNames) {
    for (const [label, input] of malformedInputs) {
      test(`${channel} rejects ${label} as input, without calling its handler`, async () => {
        calls.length = 0;
        const error = errorOf(await createDispatcher(goodHandlers)(channel, input));
        assert.equal(error.code, 'invalid-input');
        assert.match(error.message, new RegExp(`"${channel}" was malformed`));
        assert.ok(error.nextStep.length > 0);
        assert.deepEqual(calls, []);
      });
    }
  }

  test('app:describeCapability rejects an id outside the catalogue and names the field', async () => {
    const error = errorOf(await createDispatcher(goodHandlers)('app:describeCapability', { id: 'format-disk' }));
    assert.equal(error.code, 'invalid-input');
    assert.match(error.message, /id:/);
  });

  test('valid input reaches the handler and its output comes back', async () => {
    calls.length = 0;
    const envelope = await createDispatcher(goodHandlers)('app:describeCapability', { id: 'drill' });
    assert.equal(envelope.ok, true);
    assert.deepEqual(calls, ['app:describeCapability']);
  });

  for (const channel of ['app:format', '', '__proto__', 'constructor', 42, null] as const) {
    test(`an unknown channel (${JSON.stringify(channel)}) is rejected`, async () => {
      const error = errorOf(await createDispatcher(goodHandlers)(channel, {}));
      assert.equal(error.code, 'unknown-channel');
    });
  }

  test('a handler output that breaks the output schema never leaves main', async () => {
    const leaky = {
      ...goodHandlers,
      'app:status': () => ({ ...validStatus(), accessToken: 'eyJhbGciOi.secret.value' }),
    } as unknown as HandlerTable;
    const error = errorOf(await createDispatcher(leaky)('app:status', {}));
    assert.equal(error.code, 'invalid-output');
    assert.doesNotMatch(JSON.stringify(error), /secret\.value/);
  });

  test('a handler output of the wrong type is refused', async () => {
    const wrong = { ...goodHandlers, 'app:describeCapability': () => ({ id: 'drill' }) } as unknown as HandlerTable;
    assert.equal(errorOf(await createDispatcher(wrong)('app:describeCapability', { id: 'drill' })).code, 'invalid-output');
  });

  test('an ActionableError from a handler is a refusal that keeps its message and next step', async () => {
    const failing = {
      ...goodHandlers,
      'app:status': () => {
        throw new ActionableError('The journal file is locked by another program.', 'Close the other program.');
      },
    } as HandlerTable;
    const error = errorOf(await createDispatcher(failing)('app:status', {}));
    assert.equal(error.code, 'refused');
    assert.equal(error.message, 'The journal file is locked by another program.');
    assert.equal(error.nextStep, 'Close the other program.');
  });

  test('an ActionableError the machine or the tenant caused is a failure of that kind, still explained', async () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
    const throwing = (error: Error) => ({ ...goodHandlers, 'app:status': () => Promise.reject(error) }) as HandlerTable;
    const disk = errorOf(
      await createDispatcher(throwing(new ActionableError('The note was not saved.', 'Free some space.', { cause: full })))(
        'app:status',
        {},
      ),
    );
    assert.deepEqual(disk, { code: 'handler-failed', message: 'The note was not saved.', nextStep: 'Free some space.' });
    // A step that wraps the tenant's error is still the tenant failing, however deep the cause.
    const arm = new ArmRequestError('/providers/Microsoft.Authorization/elevateAccess', 503, 'ServiceUnavailable', 'Try later.');
    const wrapped = new ActionableError('Elevation – not done.', 'Continue to try again.', { cause: arm });
    assert.equal(errorOf(await createDispatcher(throwing(wrapped))('app:status', {})).code, 'tenant-failed');
    assert.equal(errorOf(await createDispatcher(throwing(arm))('app:status', {})).code, 'tenant-failed');
  });

  test('the preload bridge refuses channels outside the contract and forwards the others', async () => {
    const sent: string[] = [];
    const bridge = createBridge({
      invoke: async (channel) => {
        sent.push(channel);
        return { ok: true, value: null };
      },
    });
    assert.equal(errorOf(await bridge.invoke('shell:openExternal', { url: 'file:///etc/passwd' })).code, 'unknown-channel');
    assert.deepEqual(sent, []);
    assert.equal((await bridge.invoke('app:status', {})).ok, true);
    assert.deepEqual(sent, ['app:status']);
  });
});
