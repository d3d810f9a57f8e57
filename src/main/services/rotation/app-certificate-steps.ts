/**
 * The app's certificate steps of a rotation (docs/domain.md, "Rotation after use"): a new key
 * pair and certificate made here and saved as a passphrase-protected PFX to the safe's media
 * before the tenant is touched; the new certificate added with addKey (proof signed by the
 * current one), proven by signing in with it, and only then the old certificates and any client
 * secret removed. The private key is held in memory only, read back from the PFX just written.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type { KeyCredential, PasswordCredential } from '@microsoft/microsoft-graph-types';

import { isKeyOfCertificate, keyThumbprintText, Thumbprint } from '../../../core/graph/thumbprint.ts';
import { doneFacts, rotationEntry, type RotationPlan, type RotationPosition } from '../../../core/runbooks/rotation-flow.ts';
import { ActionableError } from '../../../shared/actionable-error.ts';
import type { SaveCertificateInput } from '../../../shared/model/rotation.ts';
import { certificateFacts } from '../../../node/x509/certificates.ts';
import { loadCertificateCredential, type CertificateCredential } from '../../credentials/certificate-credential.ts';
import { createAppCertificate } from '../../credentials/new-app-certificate.ts';
import { pfxBytes } from '../../../node/x509/pfx.ts';
import { passphraseProblem, writePfxToFolder } from '../../credentials/pfx-writer.ts';
import type { GraphConnection } from '../../entra/graph-connection.ts';
import { addCertificateKey, removeCertificateKey, removeClientSecret, replaceCertificateKeys } from '../../entra/key-roll.ts';
import { signInWithNewCertificate, type NewKeyWait } from '../../entra/new-key-sign-in.ts';
import type { ReadBackPlan } from './rotation-guards.ts';
import { act, describe, ids, stepDone, type RotationStepContext, type StepRun } from './step-journal.ts';

type AppKeys = { id: string; keyCredentials: KeyCredential[]; passwordCredentials: PasswordCredential[] };

/**
 * Whether Graph's key is this certificate: by the DER Graph returns as `key` on
 * `$select=keyCredentials` of one application (what appKeys reads), else by the thumbprint its
 * Binary `customKeyIdentifier` names (https://learn.microsoft.com/graph/api/resources/keycredential).
 */
const isKeyOf = (key: KeyCredential, certificate: Pick<CertificateCredential, 'certificatePem' | 'thumbprintSha1Hex'>) =>
  isKeyOfCertificate(key, {
    derBase64: certificateFacts(certificate.certificatePem).derBase64,
    thumbprint: Thumbprint.fromHex(certificate.thumbprintSha1Hex)!,
  });
/** A key's thumbprint as the Entra admin center shows it: from its certificate where Graph gave it. */
const thumbprintShown = (key: KeyCredential) => (key.key ? certificateFacts(key.key).sha1Hex : keyThumbprintText(key));

/** Makes the new certificate, writes its PFX to the safe's media and reads it back; journaled before and after. */
export function saveNewCertificate(context: RotationStepContext, run: StepRun, input: SaveCertificateInput): CertificateCredential {
  const { position, record, actor } = run;
  const problem = passphraseProblem(input.passphrase, input.passphraseAgain);
  if (problem) throw problem;
  const plan = position.plan;
  const made = createAppCertificate({ appName: plan.app!.name });
  const fileName = input.fileName?.trim() || suggestedFileName(plan, input.folder);
  const facts = {
    thumbprint: made.thumbprintSha1Hex,
    subject: made.subject,
    notAfter: made.notAfter.toISOString(),
    folder: input.folder,
    fileName,
  };
  context.append(
    position,
    actor,
    rotationEntry(record.step, 'intent', `Making a new certificate (${made.thumbprintSha1Hex}) and saving it to ${input.folder}.`, facts),
  );
  let path: string;
  let credential: CertificateCredential;
  try {
    path = writePfxToFolder(input.folder, fileName, pfxBytes(made, input.passphrase));
    credential = loadCertificateCredential({ path, passphrase: input.passphrase });
  } catch (error) {
    const problem = `${describe(error)} No request was sent to the tenant.`;
    context.append(position, actor, rotationEntry(record.step, 'failed', `The new certificate was not saved: ${problem}`, { problem }));
    throw error;
  }
  stepDone(
    context,
    run,
    `New certificate ${credential.thumbprintSha1Hex} (valid to ${credential.notAfter.toISOString().slice(0, 10)}) saved to ${path} and read back with its passphrase.`,
    { ...facts, path, notBefore: credential.notBefore.toISOString() },
  );
  return credential;
}

/** After a restart: the new PFX on the safe's media, opened again with its passphrase. */
export function reopenSavedCertificate(
  context: RotationStepContext,
  position: RotationPosition,
  actor: string,
  passphrase: string,
): CertificateCredential {
  const saved = doneFacts(position, 'app-certificate-saved');
  if (!saved || typeof saved['path'] !== 'string')
    throw new ActionableError('No new certificate has been saved in this rotation yet.', 'Save the new certificate first.');
  const credential = loadCertificateCredential({ path: saved['path'], passphrase });
  if (credential.thumbprintSha1Hex !== saved['thumbprint']) {
    throw new ActionableError(
      `${saved['path']} holds certificate ${credential.thumbprintSha1Hex}, not ${String(saved['thumbprint'])}, which this rotation made.`,
      'Choose the file this rotation saved; the journal names its path.',
    );
  }
  context.append(position, actor, {
    kind: 'note',
    stepId: 'certificate-reopened',
    summary: `Opened the new certificate ${credential.thumbprintSha1Hex} again from ${saved['path']}.`,
    data: {},
  });
  return credential;
}

/** `<app>-<date>.pfx`, or `<app>-<date>-2.pfx` … when a file of that name is already in the folder (never overwritten). */
export function suggestedFileName(plan: RotationPlan, folder?: string): string {
  const slug = (plan.app?.name ?? 'break-glass-app')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const base = `${slug}-${new Date().toISOString().slice(0, 10)}`;
  for (let n = 1; ; n += 1) {
    const name = n === 1 ? `${base}.pfx` : `${base}-${n}.pfx`;
    if (!folder || !existsSync(join(folder, name))) return name;
  }
}

export async function addKey(context: RotationStepContext, run: StepRun, graph: GraphConnection): Promise<void> {
  const { position } = run;
  const credential = context.requireNewCertificate(position);
  const app = await appKeys(position, graph);
  const found = app.keyCredentials.find((k) => isKeyOf(k, credential));
  if (found) {
    stepDone(context, run, `The new certificate ${credential.thumbprintSha1Hex} is already on the app (added before the interruption).`, {
      keyId: found.keyId ?? '',
      thumbprint: credential.thumbprintSha1Hex,
      found: true,
    });
    return;
  }
  const now = Date.now();
  const valid = app.keyCredentials.filter((k) => Date.parse(k.startDateTime ?? '') <= now && now < Date.parse(k.endDateTime ?? ''));
  if (valid.length === 0) {
    const warning =
      'No certificate on the app is valid any more, so addKey cannot be used: the whole keyCredentials list is replaced by the new certificate (PATCH). The expired certificates are removed with it; they could not sign in anyway.';
    await act(
      context,
      run,
      `Replacing the app's expired certificates with the new one ${credential.thumbprintSha1Hex}. ${warning}`,
      { thumbprint: credential.thumbprintSha1Hex, fallback: true, warning },
      async () => {
        const result = await replaceCertificateKeys(graph, { applicationObjectId: app.id, newCertificatePem: credential.certificatePem });
        return {
          summary: `The new certificate ${credential.thumbprintSha1Hex} replaced the expired ones (PATCH keyCredentials). ${warning}`,
          facts: { thumbprint: credential.thumbprintSha1Hex, fallback: true, warning },
          requestIds: ids(result.requestId),
        };
      },
      newKeyReadBack(position, graph, credential),
    );
    return;
  }
  const signer = context.signIn.certificate;
  if (!signer || !valid.some((k) => isKeyOf(k, signer))) {
    throw new ActionableError(
      'addKey needs a proof signed by a certificate the app holds now, and the signed-in session was not opened with one.',
      'Sign in on this screen with the app’s current certificate (from the safe), then continue.',
    );
  }
  await act(
    context,
    run,
    `Adding the new certificate ${credential.thumbprintSha1Hex} with addKey (proof signed by the current certificate ${signer.thumbprintSha1Hex}).`,
    { thumbprint: credential.thumbprintSha1Hex, signedBy: signer.thumbprintSha1Hex },
    async () => {
      const result = await addCertificateKey(graph, { applicationObjectId: app.id, signer, newCertificatePem: credential.certificatePem });
      return {
        summary: `Added the new certificate ${credential.thumbprintSha1Hex} (keyId ${result.body?.keyId ?? 'unknown'}); the old one still works until the new one is proven.`,
        facts: { thumbprint: credential.thumbprintSha1Hex, keyId: result.body?.keyId ?? '' },
        requestIds: ids(result.requestId),
      };
    },
    newKeyReadBack(position, graph, credential),
  );
}

export async function proveNewKey(context: RotationStepContext, run: StepRun): Promise<void> {
  const { position, record, actor } = run;
  const credential = context.requireNewCertificate(position);
  const app = position.plan.app!;
  await act(
    context,
    run,
    `Signing in as ${app.name} with the new certificate ${credential.thumbprintSha1Hex} to prove it works.`,
    { thumbprint: credential.thumbprintSha1Hex },
    async () => {
      const endpoints = await context.tenant.endpoints();
      // Each wait is journaled and shown: a new key may not have reached every Entra server yet (new-key-sign-in.ts).
      const onWait = (wait: NewKeyWait) => {
        const message = `Microsoft Entra does not accept the new certificate yet (try ${wait.attempt}): a certificate just added takes a while to reach every Entra server. Trying again in ${wait.seconds} s (waited ${wait.waitedSeconds} s of at most ${wait.limitSeconds} s). The old certificate still works.`;
        context.setWorking({ sessionId: position.sessionId, stepId: record.step.id, message });
        context.append(position, actor, {
          kind: 'note',
          stepId: record.step.id,
          summary: message,
          data: { waitSeconds: wait.seconds, attempt: wait.attempt, waitedSeconds: wait.waitedSeconds, problem: wait.problem },
        });
      };
      let signedIn;
      try {
        signedIn = await signInWithNewCertificate({
          endpoints,
          appId: app.appId,
          appName: app.name,
          certificate: credential,
          onWait,
          ...(context.sleep ? { sleep: context.sleep } : {}),
        });
      } finally {
        context.setWorking(undefined);
      }
      const { session: proven, attempts, waitedSeconds } = signedIn;
      const waited =
        attempts > 1
          ? ` It was accepted on try ${attempts}, after waiting ${waitedSeconds} s for the new certificate to reach Entra's servers.`
          : '';
      try {
        const me = await proven.graph.get<{ id?: string }>(`/servicePrincipals(appId='${app.appId}')?$select=id`);
        return {
          summary: `The new certificate ${credential.thumbprintSha1Hex} signs in, and Microsoft Graph answered with it.${waited}`,
          facts: {
            thumbprint: credential.thumbprintSha1Hex,
            servicePrincipalId: me.id ?? '',
            tokenExpiresAt: proven.facts.expiresAt,
            attempts,
            waitedSeconds,
          },
        };
      } finally {
        proven.signOut();
      }
    },
  );
}

export async function removeOldKeys(context: RotationStepContext, run: StepRun, graph: GraphConnection): Promise<void> {
  const { position } = run;
  const credential = context.requireNewCertificate(position);
  const app = await appKeys(position, graph);
  // The invariant: never remove anything unless the proven certificate is on the app.
  if (!app.keyCredentials.some((k) => isKeyOf(k, credential))) {
    throw new ActionableError(
      `The new certificate ${credential.thumbprintSha1Hex} is not on the app, so the old one is kept.`,
      'No removal was sent. Check the app in the Entra admin center; abandon this rotation and start a new one if the new certificate was removed there.',
    );
  }
  const old = app.keyCredentials.filter((k) => !isKeyOf(k, credential));
  const listed = old.map((k) => ({ keyId: k.keyId ?? '', thumbprint: thumbprintShown(k), displayName: k.displayName ?? '' }));
  await act(
    context,
    run,
    old.length > 0
      ? `Removing the old certificate${old.length > 1 ? 's' : ''} ${listed.map((k) => k.thumbprint).join(', ')} with removeKey (proof signed by the new one).`
      : 'Checking for old certificates: none left.',
    { remove: listed },
    async () => {
      const requestIds: string[] = [];
      for (const key of old)
        requestIds.push(
          ...ids((await removeCertificateKey(graph, { applicationObjectId: app.id, keyId: key.keyId!, signer: credential })).requestId),
        );
      context.tenant.replaceSimulatedSafeCertificate(position.plan.app!.appId, credential);
      return {
        summary:
          old.length > 0
            ? `Removed the old certificate${old.length > 1 ? 's' : ''} ${listed.map((k) => k.thumbprint).join(', ')}; only the new one ${credential.thumbprintSha1Hex} (valid to ${credential.notAfter.toISOString().slice(0, 10)}) remains.`
            : `No old certificate was left; ${credential.thumbprintSha1Hex} is the app's only certificate.`,
        facts: { removed: listed, thumbprint: credential.thumbprintSha1Hex, notAfter: credential.notAfter.toISOString() },
        requestIds,
      };
    },
    {
      what: "the app's certificates",
      read: async () => {
        const left = (await appKeys(position, graph)).keyCredentials.filter((k) => old.some((o) => o.keyId === k.keyId));
        return left.length === 0
          ? { applied: true, shows: `only the new certificate ${credential.thumbprintSha1Hex} is on it` }
          : { applied: false, shows: `${left.length} old certificate${left.length === 1 ? ' is' : 's are'} still on it` };
      },
      onApplied: () => context.tenant.replaceSimulatedSafeCertificate(position.plan.app!.appId, credential),
    },
  );
}

export async function removeSecrets(context: RotationStepContext, run: StepRun, graph: GraphConnection): Promise<void> {
  const app = await appKeys(run.position, graph);
  const secrets = app.passwordCredentials.map((p) => ({ keyId: p.keyId ?? '', displayName: p.displayName ?? '', hint: p.hint ?? '' }));
  await act(
    context,
    run,
    secrets.length > 0
      ? `Removing ${secrets.length} client secret${secrets.length > 1 ? 's' : ''} (${secrets.map((s) => s.displayName || s.keyId).join(', ')}).`
      : 'Checking for client secrets: none.',
    { remove: secrets },
    async () => {
      const requestIds: string[] = [];
      for (const secret of secrets)
        requestIds.push(...ids((await removeClientSecret(graph, { applicationObjectId: app.id, keyId: secret.keyId })).requestId));
      return {
        summary:
          secrets.length > 0
            ? `Removed the client secret${secrets.length > 1 ? 's' : ''} ${secrets.map((s) => `“${s.displayName || s.keyId}”`).join(', ')}; the app has none now.`
            : 'The app has no client secret.',
        facts: { removed: secrets },
        requestIds,
      };
    },
    {
      what: "the app's client secrets",
      read: async () => {
        const left = (await appKeys(run.position, graph)).passwordCredentials.filter((p) => secrets.some((x) => x.keyId === p.keyId));
        return left.length === 0
          ? { applied: true, shows: 'the app has no client secret now' }
          : { applied: false, shows: `${left.length} client secret${left.length === 1 ? ' is' : 's are'} still on it` };
      },
    },
  );
}

/** After an unanswered addKey (or PATCH): is the new certificate on the app? */
function newKeyReadBack(position: RotationPosition, graph: GraphConnection, credential: CertificateCredential): ReadBackPlan {
  return {
    what: "the app's certificates",
    read: async () =>
      (await appKeys(position, graph)).keyCredentials.some((k) => isKeyOf(k, credential))
        ? { applied: true, shows: `the new certificate ${credential.thumbprintSha1Hex} is on it` }
        : { applied: false, shows: `the new certificate ${credential.thumbprintSha1Hex} is not on it` },
  };
}

async function appKeys(position: RotationPosition, graph: GraphConnection): Promise<AppKeys> {
  const app = position.plan.app!;
  const path = app.objectId ? `/applications/${app.objectId}` : `/applications(appId='${app.appId}')`;
  const found = await graph.get<Partial<AppKeys>>(`${path}?$select=id,keyCredentials,passwordCredentials`);
  return {
    id: found.id ?? app.objectId ?? '',
    keyCredentials: found.keyCredentials ?? [],
    passwordCredentials: found.passwordCredentials ?? [],
  };
}
