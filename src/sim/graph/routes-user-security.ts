/**
 * A user's authentication methods and the writes rotation and incidents need:
 * https://learn.microsoft.com/graph/api/authentication-list-methods,
 * …/fido2authenticationmethod-delete, …/user-update (passwordProfile, accountEnabled),
 * …/user-revokesigninsessions.
 */
import { findDirectoryRole } from '../directory/role-catalogue.ts';
import { graphErrors } from './errors.ts';
import { collection, entity, fail, metadataContext, needs, noContent, ok, type GraphCall, type GraphResult } from './graph-call.ts';
import { accepts, holdsDirectoryRole, passwordResetDirectoryRoles } from './permissions.ts';
import { resolveUser } from './routes-directory.ts';
import { route, type GraphRoute } from './routes.ts';

/** The typed method collections under /authentication (resources/authentication). */
const methodCollections: Record<string, string> = {
  fido2Methods: 'fido2AuthenticationMethod',
  passwordMethods: 'passwordAuthenticationMethod',
  microsoftAuthenticatorMethods: 'microsoftAuthenticatorAuthenticationMethod',
  phoneMethods: 'phoneAuthenticationMethod',
  softwareOathMethods: 'softwareOathAuthenticationMethod',
  emailMethods: 'emailAuthenticationMethod',
  temporaryAccessPassMethods: 'temporaryAccessPassAuthenticationMethod',
  windowsHelloForBusinessMethods: 'windowsHelloForBusinessAuthenticationMethod',
};

function methodsOf(call: GraphCall, id: string, collectionName?: string): { methods: Record<string, unknown>[]; userId: string } | { result: GraphResult } {
  const found = resolveUser(call, id);
  if ('result' in found) return found;
  const denied = needs(call, accepts.readMethods);
  if (denied) return { result: denied };
  const type = collectionName ? `#microsoft.graph.${methodCollections[collectionName]}` : undefined;
  const methods = (found.user.authenticationMethods ?? []).filter((m) => !type || m['@odata.type'] === type).map((m) => ({ ...m }));
  return { methods, userId: found.user.id };
}

/** Entra's password rule: 8–256 characters, three of lower, upper, digit, symbol (password policy docs). */
export function passwordIsComplex(password: string): boolean {
  if (password.length < 8 || password.length > 256) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
  return classes >= 3;
}

/**
 * The directory role a password reset needs besides the permission (resources/user, passwordProfile;
 * "Who can reset passwords"): app-only, at least User Administrator; for a target who holds a
 * privileged role, Privileged Authentication Administrator or Global Administrator – for an app and
 * for a signed-in user alike.
 */
function passwordResetRoleProblem(call: GraphCall, targetIsPrivileged: boolean): GraphResult | undefined {
  const roles = passwordResetDirectoryRoles;
  if (targetIsPrivileged && !holdsDirectoryRole(call.caller, roles.forPrivilegedTarget)) {
    return fail(graphErrors.denied(`the target holds a privileged role; the caller also needs the directory role Privileged Authentication Administrator or Global Administrator (${roles.source})`));
  }
  if (call.caller.kind === 'app' && !holdsDirectoryRole(call.caller, roles.anyOf)) {
    return fail(graphErrors.denied(`app-only password reset also needs at least the User Administrator directory role (${roles.source})`));
  }
  return undefined;
}

function updateUser(call: GraphCall, id: string): GraphResult {
  const found = resolveUser(call, id);
  if ('result' in found) return found.result;
  const { user } = found;
  const tenant = call.context.tenant;
  const body = call.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return fail(graphErrors.badRequest('The request body must be a JSON object.'));
  const changes = body as Record<string, unknown>;
  const supported = new Set(['passwordProfile', 'accountEnabled', 'displayName', 'jobTitle']);
  const unsupported = Object.keys(changes).filter((k) => !supported.has(k));
  if (unsupported.length > 0) return fail(graphErrors.badRequest(`Property '${unsupported[0]}' cannot be updated through the simulator.`));

  if ('passwordProfile' in changes) {
    const denied = needs(call, accepts.resetPassword);
    if (denied) return denied;
    const problem = passwordResetRoleProblem(call, [...tenant.activeRoleIds(user.id)].some((r) => findDirectoryRole(r)?.isPrivileged));
    if (problem) return problem;
    const profile = changes['passwordProfile'] as { password?: unknown } | null;
    const password = profile?.password;
    if (typeof password !== 'string') return fail(graphErrors.badRequest("passwordProfile.password is required."));
    if (!passwordIsComplex(password)) return fail(graphErrors.badRequest('The specified password does not comply with password complexity requirements. Please provide a different password.'));
    tenant.setPassword(user.id, password);
  }
  const others = Object.keys(changes).filter((k) => k !== 'passwordProfile');
  if (others.length > 0) {
    const denied = needs(call, accepts.writeUsers);
    if (denied) return denied;
    if ('accountEnabled' in changes) {
      if (typeof changes['accountEnabled'] !== 'boolean') return fail(graphErrors.badRequest('accountEnabled must be a boolean.'));
      user.accountEnabled = changes['accountEnabled'];
    }
    if (typeof changes['displayName'] === 'string') user.displayName = changes['displayName'];
    if ('jobTitle' in changes) user.jobTitle = typeof changes['jobTitle'] === 'string' ? changes['jobTitle'] : null;
  }
  return noContent();
}

export const userSecurityRoutes: readonly GraphRoute[] = [
  route('GET', 'users/{id}/authentication/methods', (call, { id }) => {
    const found = methodsOf(call, id!);
    return 'result' in found ? found.result : collection(call, found.methods, { contextFragment: `users('${found.userId}')/authentication/methods`, present: (m) => m });
  }),
  route('GET', 'users/{id}/authentication/{kind}', (call, { id, kind }) => {
    if (!(kind! in methodCollections)) return fail(graphErrors.notFound(`Segment '${kind}'`));
    const found = methodsOf(call, id!, kind);
    return 'result' in found ? found.result : collection(call, found.methods, { contextFragment: `users('${found.userId}')/authentication/${kind}`, present: (m) => m });
  }),
  route('GET', 'users/{id}/authentication/{kind}/{methodId}', (call, { id, kind, methodId }) => {
    if (!(kind! in methodCollections) && kind !== 'methods') return fail(graphErrors.notFound(`Segment '${kind}'`));
    const found = methodsOf(call, id!, kind === 'methods' ? undefined : kind);
    if ('result' in found) return found.result;
    const method = found.methods.find((m) => m['id'] === decodeURIComponent(methodId!));
    return method ? entity(call, method, `users('${found.userId}')/authentication/${kind}/$entity`) : fail(graphErrors.notFound(`Authentication method '${methodId}'`));
  }),
  route('DELETE', 'users/{id}/authentication/fido2Methods/{methodId}', (call, { id, methodId }) => {
    const found = resolveUser(call, id!);
    if ('result' in found) return found.result;
    const denied = needs(call, accepts.deletePasskey);
    if (denied) return denied;
    const wanted = decodeURIComponent(methodId!);
    const methods = found.user.authenticationMethods ?? [];
    const index = methods.findIndex((m) => m.id === wanted && m['@odata.type'] === '#microsoft.graph.fido2AuthenticationMethod');
    if (index < 0) return fail(graphErrors.notFound(`Authentication method '${wanted}'`));
    methods.splice(index, 1);
    // The physical key stops working the moment its registration is gone.
    const keys = call.context.tenant.seed.simulator.securityKeys;
    const keyIndex = keys.findIndex((k) => k.fido2MethodId === wanted && k.userId.toLowerCase() === found.user.id.toLowerCase());
    if (keyIndex >= 0) keys.splice(keyIndex, 1);
    return noContent();
  }),
  route('PATCH', 'users/{id}', (call, { id }) => updateUser(call, id!)),
  route('POST', 'users/{id}/revokeSignInSessions', (call, { id }) => {
    const found = resolveUser(call, id!);
    if ('result' in found) return found.result;
    const denied = needs(call, accepts.revokeSessions);
    if (denied) return denied;
    found.user.signInSessionsValidFromDateTime = call.context.tenant.clock.now().toISOString();
    return ok({ '@odata.context': metadataContext(call, 'Edm.Boolean'), value: true });
  }),
];
