/**
 * App registrations and service principals, and the credential operations rotation needs:
 * https://learn.microsoft.com/graph/api/application-addkey, …/application-removekey,
 * …/application-removepassword, …/application-update (keyCredentials, replaced wholesale),
 * …/serviceprincipal-list-approleassignments, …/serviceprincipal-list-approleassignedto, and the
 * delegated consent grants, …/oauth2permissiongrant-list.
 */
import { randomUUID } from 'node:crypto';

import { certificateFacts } from '../../node/x509/certificates.ts';
import type { ApplicationSeed, KeyCredentialSeed } from '../seed/schema-apps.ts';
import { keyCredentialSchema } from '../seed/schema-apps.ts';
import { graphErrors } from './errors.ts';
import {
  collection,
  entity,
  fail,
  metadataContext,
  needs,
  noContent,
  ok,
  selectedProperties,
  type GraphCall,
  type GraphResult,
} from './graph-call.ts';
import { accepts, permits, refusal } from './permissions.ts';
import { presentApplication, presentDirectoryObject, presentServicePrincipal } from './present.ts';
import { verifyProofOfPossession } from './proof-of-possession.ts';
import { route, type GraphRoute } from './routes.ts';

/** `{id}` is the object id, or `appId=…` from the `applications(appId='…')` addressing form. */
function findApplication(call: GraphCall, id: string): ApplicationSeed | undefined {
  const tenant = call.context.tenant;
  return id.startsWith('appId=') ? tenant.applicationByAppId(id.slice(6)) : tenant.application(id);
}

function findServicePrincipal(call: GraphCall, id: string) {
  const tenant = call.context.tenant;
  return id.startsWith('appId=') ? tenant.servicePrincipalByAppId(id.slice(6)) : tenant.servicePrincipal(id);
}

function mayWrite(call: GraphCall, app: ApplicationSeed, selfAllowed: boolean): boolean {
  // addKey/removeKey: "An application does not need any specific permission to roll its own keys."
  if (selfAllowed && call.caller.kind === 'app' && call.caller.appId.toLowerCase() === app.appId.toLowerCase()) return true;
  if (permits(call.caller, accepts.writeApplications)) return true;
  return permits(call.caller, accepts.writeOwnedApplications) && app.owners.some((o) => o.toLowerCase() === call.caller.id.toLowerCase());
}

/** The application a write names, or the Graph answer when it is missing or out of reach. */
function writableApplication(call: GraphCall, id: string, selfAllowed: boolean): { app: ApplicationSeed } | { result: GraphResult } {
  const app = findApplication(call, id);
  if (!app) return { result: fail(graphErrors.notFound(`Resource '${id}'`)) };
  if (!mayWrite(call, app, selfAllowed)) {
    const failure = refusal(call.caller, accepts.writeApplications) ?? graphErrors.denied();
    return {
      result: fail(
        selfAllowed
          ? { ...failure, detail: `${failure.detail ?? ''}; or the caller must be the application itself`.replace(/^; /, '') }
          : failure,
      ),
    };
  }
  return { app };
}

/** addKey and removeKey both require a proof signed by one of the object's valid certificates. */
async function proofProblem(call: GraphCall, app: ApplicationSeed, body: Record<string, unknown>): Promise<GraphResult | undefined> {
  const proof = await verifyProofOfPossession({
    proof: body['proof'],
    objectId: app.id,
    keyCredentials: app.keyCredentials,
    now: call.context.tenant.clock.now(),
  });
  return proof.ok ? undefined : fail(graphErrors.badProof(proof.reason));
}

/** A new keyCredential from a base64 DER certificate, with Graph's defaults filled in. */
function keyFromCertificate(input: Record<string, unknown>): { ok: true; key: KeyCredentialSeed } | { ok: false; message: string } {
  if (typeof input['key'] !== 'string') return { ok: false, message: 'keyCredential.key must be the base64 DER of an X.509 certificate.' };
  let facts: ReturnType<typeof certificateFacts>;
  try {
    facts = certificateFacts(Buffer.from(input['key'], 'base64'));
  } catch {
    return { ok: false, message: 'keyCredential.key is not a valid X.509 certificate.' };
  }
  const candidate = {
    // Binary, "when not provided in the payload, defaults to the thumbprint of the certificate";
    // JSON carries it as base64 (https://learn.microsoft.com/graph/api/resources/keycredential).
    // A value given is kept as given (validated as base64 by keyCredentialSchema).
    customKeyIdentifier: facts.sha1Base64,
    displayName: facts.subject,
    startDateTime: facts.notBefore.toISOString(),
    endDateTime: facts.notAfter.toISOString(),
    keyId: randomUUID(),
    type: 'AsymmetricX509Cert',
    usage: 'Verify',
    ...input,
    key: facts.derBase64,
  };
  const parsed = keyCredentialSchema.safeParse(candidate);
  if (!parsed.success)
    return {
      ok: false,
      message: `Invalid keyCredential: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    };
  if (parsed.data.type !== 'AsymmetricX509Cert' || parsed.data.usage !== 'Verify')
    return { ok: false, message: 'Only AsymmetricX509Cert keys with usage Verify are supported.' };
  return { ok: true, key: parsed.data };
}

async function addKey(call: GraphCall, id: string): Promise<GraphResult> {
  const target = writableApplication(call, id, true);
  if ('result' in target) return target.result;
  const { app } = target;
  const body = (call.body ?? {}) as Record<string, unknown>;
  const problem = await proofProblem(call, app, body);
  if (problem) return problem;
  if (body['passwordCredential'] != null)
    return fail(graphErrors.badRequest('passwordCredential is only for X509CertAndPassword keys, which the simulator does not support.'));
  // Graph assigns the keyId of a key added this way; a caller's value could collide with an existing key.
  const { keyId: _ignored, ...requested } = (body['keyCredential'] ?? {}) as Record<string, unknown>;
  const created = keyFromCertificate(requested);
  if (!created.ok) return fail(graphErrors.badRequest(created.message));
  app.keyCredentials.push(created.key);
  call.context.faults.keyAdded(created.key.keyId, call.context.tenant.clock.now());
  return ok({ '@odata.context': metadataContext(call, 'microsoft.graph.keyCredential'), ...created.key, key: null });
}

async function removeKey(call: GraphCall, id: string): Promise<GraphResult> {
  const target = writableApplication(call, id, true);
  if ('result' in target) return target.result;
  const { app } = target;
  const body = (call.body ?? {}) as Record<string, unknown>;
  const problem = await proofProblem(call, app, body);
  if (problem) return problem;
  const index = app.keyCredentials.findIndex((k) => k.keyId.toLowerCase() === String(body['keyId']).toLowerCase());
  if (index < 0) return fail(graphErrors.badRequest(`No key credential with keyId '${String(body['keyId'])}' exists on this application.`));
  app.keyCredentials.splice(index, 1);
  return noContent();
}

function removePassword(call: GraphCall, id: string): GraphResult {
  const target = writableApplication(call, id, false);
  if ('result' in target) return target.result;
  const { app } = target;
  const keyId = String((call.body as Record<string, unknown> | undefined)?.['keyId']);
  const index = app.passwordCredentials.findIndex((p) => p.keyId.toLowerCase() === keyId.toLowerCase());
  if (index < 0) return fail(graphErrors.badRequest(`No password credential with keyId '${keyId}' exists on this application.`));
  app.passwordCredentials.splice(index, 1);
  return noContent();
}

function updateApplication(call: GraphCall, id: string): GraphResult {
  const target = writableApplication(call, id, false);
  if ('result' in target) return target.result;
  const { app } = target;
  const body = call.body;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return fail(graphErrors.badRequest('The request body must be a JSON object.'));
  const changes = body as Record<string, unknown>;
  if ('passwordCredentials' in changes)
    return fail(graphErrors.badRequest('passwordCredentials cannot be updated with PATCH; use addPassword and removePassword.'));
  const unsupported = Object.keys(changes).find((k) => !['keyCredentials', 'displayName', 'description'].includes(k));
  if (unsupported) return fail(graphErrors.badRequest(`Property '${unsupported}' cannot be updated through the simulator.`));
  if ('keyCredentials' in changes) {
    if (!Array.isArray(changes['keyCredentials'])) return fail(graphErrors.badRequest('keyCredentials must be an array.'));
    const next: KeyCredentialSeed[] = [];
    for (const entry of changes['keyCredentials'] as Record<string, unknown>[]) {
      const existing = app.keyCredentials.find(
        (k) => typeof entry['keyId'] === 'string' && k.keyId.toLowerCase() === entry['keyId'].toLowerCase(),
      );
      if (existing && (entry['key'] === undefined || entry['key'] === null)) {
        next.push({ ...existing, ...(typeof entry['displayName'] === 'string' ? { displayName: entry['displayName'] } : {}) });
        continue;
      }
      const created = keyFromCertificate(entry);
      if (!created.ok) return fail(graphErrors.badRequest(created.message));
      call.context.faults.keyAdded(created.key.keyId, call.context.tenant.clock.now());
      next.push(created.key);
    }
    app.keyCredentials = next;
  }
  if (typeof changes['displayName'] === 'string') app.displayName = changes['displayName'];
  if ('description' in changes) app.description = typeof changes['description'] === 'string' ? changes['description'] : null;
  return noContent();
}

/** `key` is returned only when one object is read with keyCredentials in $select. */
const keysSelected = (call: GraphCall) => selectedProperties(call)?.some((s) => s.toLowerCase() === 'keycredentials') ?? false;

export const applicationRoutes: readonly GraphRoute[] = [
  route(
    'GET',
    'applications',
    (call) =>
      needs(call, accepts.readApplications) ??
      collection(call, call.context.tenant.seed.applications, { contextFragment: 'applications', present: (a) => presentApplication(a) }),
  ),
  route('GET', 'applications/{id}', (call, { id }) => {
    const app = findApplication(call, id!);
    if (!app) return fail(graphErrors.notFound(`Resource '${id}'`));
    return needs(call, accepts.readApplications) ?? entity(call, presentApplication(app, keysSelected(call)), 'applications/$entity');
  }),
  route('GET', 'applications/{id}/owners', (call, { id }) => {
    const app = findApplication(call, id!);
    if (!app) return fail(graphErrors.notFound(`Resource '${id}'`));
    const tenant = call.context.tenant;
    return (
      needs(call, accepts.readApplicationOwners) ??
      collection(
        call,
        app.owners.map((o) => presentDirectoryObject(tenant, o)).filter((o): o is Record<string, unknown> => o !== undefined),
        { contextFragment: 'directoryObjects', present: (o) => o },
      )
    );
  }),
  route('PATCH', 'applications/{id}', (call, { id }) => updateApplication(call, id!)),
  route('POST', 'applications/{id}/addKey', (call, { id }) => addKey(call, id!)),
  route('POST', 'applications/{id}/removeKey', (call, { id }) => removeKey(call, id!)),
  route('POST', 'applications/{id}/removePassword', (call, { id }) => removePassword(call, id!)),
  route(
    'GET',
    'servicePrincipals',
    (call) =>
      needs(call, accepts.readApplications) ??
      collection(call, call.context.tenant.seed.servicePrincipals, {
        contextFragment: 'servicePrincipals',
        present: (s) => presentServicePrincipal(s),
      }),
  ),
  route('GET', 'servicePrincipals/{id}', (call, { id }) => {
    const principal = findServicePrincipal(call, id!);
    if (!principal) return fail(graphErrors.notFound(`Resource '${id}'`));
    return (
      needs(call, accepts.readApplications) ??
      entity(call, presentServicePrincipal(principal, keysSelected(call)), 'servicePrincipals/$entity')
    );
  }),
  // https://learn.microsoft.com/graph/api/oauth2permissiongrant-list; clientId and consentType support $filter (eq).
  route(
    'GET',
    'oauth2PermissionGrants',
    (call) =>
      needs(call, accepts.readDelegatedPermissionGrants) ??
      collection(call, call.context.tenant.seed.oauth2PermissionGrants, {
        contextFragment: 'oauth2PermissionGrants',
        present: (g) => ({
          clientId: g.clientId,
          consentType: g.consentType,
          id: g.id,
          principalId: g.principalId ?? null,
          resourceId: g.resourceId,
          scope: g.scope,
        }),
      }),
  ),
  ...(['appRoleAssignments', 'appRoleAssignedTo'] as const).map((relation) =>
    route('GET', `servicePrincipals/{id}/${relation}`, (call, { id }) => {
      const principal = findServicePrincipal(call, id!);
      if (!principal) return fail(graphErrors.notFound(`Resource '${id}'`));
      const denied = needs(call, accepts.readAppRoleAssignments);
      if (denied) return denied;
      const key = relation === 'appRoleAssignments' ? 'principalId' : 'resourceId';
      const grants = call.context.tenant.seed.appRoleAssignments.filter((g) => g[key].toLowerCase() === principal.id.toLowerCase());
      return collection(call, grants, {
        contextFragment: `servicePrincipals('${principal.id}')/${relation}`,
        present: (g) => ({ deletedDateTime: null, ...g }),
      });
    }),
  ),
];
