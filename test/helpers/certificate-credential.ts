/**
 * How the certificate-credential tests expect a load to fail (docs/domain.md): with a
 * CertificateCredentialError – an ActionableError – that gives its reason, names the file and
 * says what to do next.
 */
import assert from 'node:assert/strict';

import { ActionableError } from '../../src/shared/actionable-error.ts';
import { CertificateCredentialError, type CertificateCredentialFailure } from '../../src/main/credentials/certificate-credential.ts';

export function failure(load: () => unknown): CertificateCredentialError {
  try {
    load();
  } catch (error) {
    assert.ok(error instanceof CertificateCredentialError, `expected a CertificateCredentialError, got ${String(error)}`);
    assert.ok(error instanceof ActionableError);
    return error;
  }
  assert.fail('the credential loaded, but it should not have');
}

export function assertFailure(load: () => unknown, reason: CertificateCredentialFailure, path: string): CertificateCredentialError {
  const error = failure(load);
  assert.equal(error.reason, reason, `${error.reason}: ${error.message}`);
  assert.equal(error.path, path);
  assert.ok(error.message.includes(path), `the message names the file: ${error.message}`);
  assert.ok(error.nextStep.length > 20, 'there is a next step');
  return error;
}
