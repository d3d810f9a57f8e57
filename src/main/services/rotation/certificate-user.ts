/**
 * The rotation step of an account whose own certificate (a smart card or a file) left the safe
 * (docs/domain.md, "Rotation after use"). The new certificate is issued outside the app, by the
 * organisation's CA, and an administrator binds it in Entra (its certificate user id in the
 * account's `authorizationInfo.certificateUserIds`; docs/microsoft-behaviour.md, "Passkeys,
 * certificates and mandatory MFA"). The app records who issued it and when, and reads the account
 * back to verify that the new certificate's id is bound – never assumes it.
 */
import { ActionableError } from '../../../shared/actionable-error.ts';
import type { CertificateReplacedInput } from '../../../shared/model/rotation.ts';
import type { GraphConnection } from '../../entra/graph-connection.ts';
import { stepDone, type RotationStepContext, type StepRun } from './step-journal.ts';

/**
 * The certificate user id formats Microsoft lists (certificate user IDs guide): the principal
 * name, RFC822 name, subject key identifier, SHA-1 of the public key, issuer and serial number,
 * subject, issuer and subject, and the SHA-256 of the public key.
 */
const certificateUserIdFormat = /^X509:<(PN|RFC822|SKI|SHA1-PUKEY|I|S|SHA256-PUKEY)>\S/;

export async function certificateReplaced(
  context: RotationStepContext,
  run: StepRun,
  graph: GraphConnection,
  input: Omit<CertificateReplacedInput, 'account'>,
): Promise<void> {
  const id = input.certificateUserId.trim();
  const issuedBy = input.issuedBy.trim();
  if (!certificateUserIdFormat.test(id))
    throw new ActionableError(
      `“${id}” is not a certificate user id as Entra writes them.`,
      'Copy it from Entra admin center › Users › the account › Properties › Authorization info, e.g. “X509:<SKI>…” or “X509:<PN>…”.',
    );
  if (!issuedBy) throw new ActionableError('Say who issued the new certificate.', 'Write the name of the person at the CA who issued it.');
  const account = run.record.step.account!;
  const planned = run.position.plan.accounts.find((a) => a.userPrincipalName === account);
  const who = encodeURIComponent(planned?.id ?? account);
  const user = await graph.get<{ authorizationInfo?: { certificateUserIds?: string[] | null } | null }>(
    `/users/${who}?$select=id,userPrincipalName,authorizationInfo`,
  );
  const bound = user.authorizationInfo?.certificateUserIds ?? [];
  if (!bound.includes(id))
    throw new ActionableError(
      `${account}'s certificate user ids do not hold ${id} yet${bound.length > 0 ? ` (they hold ${bound.join(', ')})` : ''}.`,
      `Add it in Entra admin center › Users › ${account} › Properties › Authorization info › Certificate user IDs (or ask an administrator to), then record it again.`,
    );
  const others = bound.filter((v) => v !== id);
  stepDone(
    context,
    run,
    `New certificate for ${account} issued by ${issuedBy}; ${id} is bound to the account, checked in Entra by ${run.actor}.`,
    {
      certificateUserId: id,
      issuedBy,
      certificateUserIds: [...bound],
      ...(others.length > 0
        ? {
            warning: `${account} still binds ${others.join(', ')} as well. If one of them is the certificate that left the safe, remove it from the account's certificate user ids.`,
          }
        : {}),
    },
  );
}
