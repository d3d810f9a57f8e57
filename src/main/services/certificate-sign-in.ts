/**
 * The break-glass app's sign-in with its certificate (docs/architecture.md, "One emergency
 * sign-in, end to end"): the certificate comes from the PFX on the safe's media, opened with its
 * passphrase, or from the simulated safe of a simulated tenant.
 */
import { ActionableError } from '../../shared/actionable-error.ts';
import type { SignInRequest } from '../../shared/model/sign-in.ts';
import { loadCertificateCredential, type CertificateCredential } from '../credentials/certificate-credential.ts';
import type { TenantEndpoints } from '../entra/endpoints.ts';
import { signInWithCertificate } from '../entra/sign-in.ts';
import type { TenantSession } from '../entra/tenant-session.ts';
import type { GraphWait } from '../entra/throttle-retry.ts';
import type { TenantConnection } from './tenant-connection.ts';

/** What either sign-in path is given: where the tenant signs in, the other ways in (for the explanation of a failure), throttling. */
export type SignInPath = {
  readonly endpoints: TenantEndpoints;
  readonly context: { otherAccountAvailable: boolean; appPathAvailable: boolean };
  readonly retry: { onWait: (wait: GraphWait) => unknown };
};

/** The certificate the request names, or the refusal saying why there is none. */
export function chosenCertificate(
  tenant: TenantConnection,
  request: Extract<SignInRequest, { method: 'certificate' }>,
  appId: string | undefined,
): CertificateCredential {
  if (!appId)
    throw new ActionableError(
      'The inventory names no break-glass app, so there is no certificate path.',
      'Sign in with a break-glass account and its security key, or add "app" to the inventory file.',
    );
  if (request.source.kind === 'simulated-safe') {
    const certificate = tenant.simulatedSafeCertificate(appId);
    if (!certificate)
      throw new ActionableError(
        'There is no simulated safe here: this is a real tenant.',
        'Choose the PFX file from the safe’s media and type its passphrase.',
      );
    return certificate;
  }
  return loadCertificateCredential({
    path: request.source.path,
    ...(request.source.passphrase ? { passphrase: request.source.passphrase } : {}),
  });
}

export function certificateSignIn(
  tenant: TenantConnection,
  path: SignInPath,
  app: { readonly appId: string; readonly certificate: CertificateCredential },
): Promise<TenantSession> {
  const appName = tenant.appName(app.appId);
  return signInWithCertificate({
    endpoints: path.endpoints,
    appId: app.appId,
    certificate: app.certificate,
    context: path.context,
    retry: path.retry,
    ...(appName ? { appName } : {}),
  });
}
