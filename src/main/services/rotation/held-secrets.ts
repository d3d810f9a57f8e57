/**
 * What a rotation holds in memory only, never journaled (docs/domain.md, "Rotation after use"):
 * the new certificate's private key, read back from the PFX just written, and each generated
 * password between its display and the Graph call that sets it. After a restart the PFX is opened
 * again with its passphrase; a password whose setting was cut off is replaced by a new one.
 */
import { doneFacts, type RotationPosition } from '../../../core/runbooks/rotation-flow.ts';
import { ActionableError } from '../../../shared/actionable-error.ts';
import type { CertificateCredential } from '../../credentials/certificate-credential.ts';

export class HeldSecrets {
  /** The new certificate of the open rotation, read back from its PFX. */
  #newCertificate: { sessionId: string; credential: CertificateCredential } | undefined;
  /** A generated password waiting to be set, per rotation session and account. */
  readonly #passwords = new Map<string, string>();

  holdCertificate(sessionId: string, credential: CertificateCredential): void {
    this.#newCertificate = { sessionId, credential };
  }

  certificateOpen(sessionId: string): boolean {
    return this.#newCertificate?.sessionId === sessionId;
  }

  /** The new certificate, open in this app run, or the refusal saying how to open it again. */
  requireNewCertificate(position: RotationPosition): CertificateCredential {
    if (this.#newCertificate?.sessionId === position.sessionId) return this.#newCertificate.credential;
    const saved = doneFacts(position, 'app-certificate-saved');
    throw new ActionableError(
      `The new certificate is not open in this app run${saved?.['path'] ? ` (it was saved to ${String(saved['path'])})` : ''}.`,
      'Type the new PFX’s passphrase to open it again, then continue.',
    );
  }

  holdPassword(sessionId: string, account: string, password: string): void {
    this.#passwords.set(`${sessionId}|${account}`, password);
  }

  password(sessionId: string, account: string | undefined): string | undefined {
    return this.#passwords.get(`${sessionId}|${account}`);
  }

  passwordWaiting(sessionId: string, account: string | undefined): boolean {
    return this.#passwords.has(`${sessionId}|${account}`);
  }

  /** Forgets a password once it is set. */
  passwordSet(sessionId: string, account: string | undefined): void {
    this.#passwords.delete(`${sessionId}|${account}`);
  }

  /** Forgets everything of a rotation that is closed. */
  forget(sessionId: string): void {
    if (this.#newCertificate?.sessionId === sessionId) this.#newCertificate = undefined;
    for (const key of [...this.#passwords.keys()]) if (key.startsWith(`${sessionId}|`)) this.#passwords.delete(key);
  }
}
