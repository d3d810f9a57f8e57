/**
 * Rolling an application's certificate the way Microsoft Graph allows an app to roll its own
 * keys (docs/microsoft-behaviour.md, "Certificates on an application"): `addKey` and `removeKey`, each carrying a proof-of-possession JWT
 * signed by a certificate currently valid on the application.
 *
 * Proof rules (https://learn.microsoft.com/graph/application-rollkey-prooftoken; addKey and
 * removeKey reference pages): aud 00000002-0000-0000-c000-000000000000, iss = the application's
 * object id (not its appId), nbf = now and exp = now + 10 minutes, no '=' padding in any
 * segment (jose's compact serialisation never pads). The header names the signing certificate by
 * x5t, as Microsoft.IdentityModel's X509SigningCredentials does.
 *
 * When no certificate on the application is valid any more, addKey cannot be used; Microsoft's
 * documented alternative is PATCH /applications/{id} with keyCredentials, which replaces the
 * whole collection (https://learn.microsoft.com/graph/applications-how-to-add-certificate).
 * That page's example sets `customKeyIdentifier` to the hex thumbprint, but the property is
 * Binary and "when not provided in the payload, defaults to the thumbprint of the certificate"
 * (https://learn.microsoft.com/graph/api/resources/keycredential): hex text there is read as
 * base64 and names no thumbprint, so it is left out and Graph fills in the real one.
 */
import { createPrivateKey } from 'node:crypto';

import type { KeyCredential } from '@microsoft/microsoft-graph-types';
import { SignJWT } from 'jose';

import { certificateFacts } from '../../node/x509/certificates.ts';
import { azureAdGraphAppId } from '../../shared/graph-permissions.ts';
import type { GraphConnection, GraphWriteResult } from './graph-connection.ts';

const proofLifetimeSeconds = 600;

export type CertificateAndKey = { readonly certificatePem: string; readonly privateKeyPem: string };

export async function keyRollProof(options: {
  readonly signer: CertificateAndKey;
  readonly applicationObjectId: string;
  readonly now?: Date;
}): Promise<string> {
  const nbf = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ aud: azureAdGraphAppId, iss: options.applicationObjectId, nbf, exp: nbf + proofLifetimeSeconds })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', x5t: certificateFacts(options.signer.certificatePem).x5t })
    .sign(createPrivateKey(options.signer.privateKeyPem));
}

/** The keyCredential for a certificate, as addKey and PATCH take it (customKeyIdentifier left to Graph's default). */
export function certificateKeyCredential(certificatePem: string, displayName?: string): KeyCredential {
  const facts = certificateFacts(certificatePem);
  return {
    type: 'AsymmetricX509Cert',
    usage: 'Verify',
    key: facts.derBase64,
    displayName: displayName ?? facts.subject,
    startDateTime: facts.notBefore.toISOString(),
    endDateTime: facts.notAfter.toISOString(),
  };
}

/** addKey: the new certificate joins the application's keys; the answer carries its keyId. */
export async function addCertificateKey(
  graph: GraphConnection,
  options: {
    readonly applicationObjectId: string;
    readonly signer: CertificateAndKey;
    readonly newCertificatePem: string;
    readonly now?: Date;
  },
): Promise<GraphWriteResult<KeyCredential>> {
  const proof = await keyRollProof(options);
  const { type, usage, key, displayName } = certificateKeyCredential(options.newCertificatePem);
  return graph.write<KeyCredential>('POST', `/applications/${options.applicationObjectId}/addKey`, {
    keyCredential: { type, usage, key, displayName },
    passwordCredential: null,
    proof,
  });
}

/** removeKey: the old certificate stops working; the proof may be signed by the new one. */
export async function removeCertificateKey(
  graph: GraphConnection,
  options: { readonly applicationObjectId: string; readonly keyId: string; readonly signer: CertificateAndKey; readonly now?: Date },
): Promise<GraphWriteResult<undefined>> {
  const proof = await keyRollProof(options);
  return graph.write<undefined>('POST', `/applications/${options.applicationObjectId}/removeKey`, { keyId: options.keyId, proof });
}

/**
 * The fallback when no certificate on the application is valid: keyCredentials replaced with the
 * new certificate alone (the expired ones cannot sign in anyway). Needs Application.ReadWrite.*
 * or an owner, unlike addKey.
 */
export function replaceCertificateKeys(
  graph: GraphConnection,
  options: { readonly applicationObjectId: string; readonly newCertificatePem: string },
): Promise<GraphWriteResult<undefined>> {
  return graph.write<undefined>('PATCH', `/applications/${options.applicationObjectId}`, {
    keyCredentials: [certificateKeyCredential(options.newCertificatePem)],
  });
}

/**
 * removePassword: a client secret of the application stops working (BG-APP-04: a break-glass app
 * has none). Unlike removeKey there is no proof; Graph asks for Application.ReadWrite.OwnedBy (as
 * an owner), Application.ReadWrite.All or Directory.ReadWrite.All – the "roll its own keys"
 * exemption of addKey/removeKey is not listed for it
 * (https://learn.microsoft.com/graph/api/application-removepassword, Permissions).
 */
export function removeClientSecret(
  graph: GraphConnection,
  options: { readonly applicationObjectId: string; readonly keyId: string },
): Promise<GraphWriteResult<undefined>> {
  return graph.write<undefined>('POST', `/applications/${options.applicationObjectId}/removePassword`, { keyId: options.keyId });
}
