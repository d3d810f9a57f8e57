/**
 * A user's authentication methods and the writes rotation and incidents need:
 * https://learn.microsoft.com/graph/api/authentication-list-methods,
 * …/fido2authenticationmethod-delete, …/authentication-post-phonemethods,
 * …/user-update (passwordProfile, accountEnabled), and authorizationInfo as
 * https://learn.microsoft.com/entra/identity/authentication/concept-certificate-based-authentication-certificateuserids
 * updates it,
 * …/user-revokesigninsessions.
 */
import { findDirectoryRole } from '../../shared/directory-roles.ts';
import { betaOnlyMethodTypes } from '../seed/schema-directory.ts';
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

/** The fixed id of each phone type (resources/phoneauthenticationmethod.md, "id"). */
const phoneMethodIds: Record<string, string> = {
  mobile: '3179e48a-750b-4051-897c-87b9720928f7',
  alternateMobile: 'b6332ec1-7057-4abe-9331-3d72feddfe41',
  office: 'e37fc753-ff3b-4958-9484-eaa9425c82bc',
};

function methodsOf(
  call: GraphCall,
  id: string,
  collectionName?: string,
): { methods: Record<string, unknown>[]; userId: string } | { result: GraphResult } {
  const found = resolveUser(call, id);
  if ('result' in found) return found;
  const denied = needs(call, accepts.readMethods);
  if (denied) return { result: denied };
  const type = collectionName ? `#microsoft.graph.${methodCollections[collectionName]}` : undefined;
  const methods = (found.user.authenticationMethods ?? [])
    .filter((m) => !type || m['@odata.type'] === type)
    .filter((m) => call.version === 'beta' || !betaOnlyMethodTypes.has(m['@odata.type']))
    .map((m) => ({ ...m }));
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
    return fail(
      graphErrors.denied(
        `the target holds a privileged role; the caller also needs the directory role Privileged Authentication Administrator or Global Administrator (${roles.source})`,
      ),
    );
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
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return fail(graphErrors.badRequest('The request body must be a JSON object.'));
  const changes = body as Record<string, unknown>;
  // authorizationInfo: Microsoft's certificate user IDs guide (concept-certificate-based-authentication-certificateuserids)
  // updates it with PATCH /v1.0/users/{id}, connected with User.ReadWrite.All and Directory.ReadWrite.All,
  // and warns to "list any existing values you want to keep as this operation will overwrite the
  // existing value": the collection is replaced as a whole.
  const supported = new Set(['passwordProfile', 'accountEnabled', 'displayName', 'jobTitle', 'authorizationInfo']);
  const unsupported = Object.keys(changes).filter((k) => !supported.has(k));
  if (unsupported.length > 0) return fail(graphErrors.badRequest(`Property '${unsupported[0]}' cannot be updated through the simulator.`));

  if ('passwordProfile' in changes) {
    // One's own password is changed with changePassword and the current password – "Update your
    // own password" (api-reference/v1.0/api/user-changepassword.md); the passwordProfile example
    // "resets the password of another user" (api/user-update.md, Example 3), and the admin reset
    // "cannot be performed on a user's own account" (api/authenticationmethod-resetpassword.md).
    // Microsoft does not document what a PATCH of one's own passwordProfile answers, so the
    // simulator takes the stricter side: refused, as Graph refuses a call it does not allow.
    if (call.caller.kind === 'user' && call.caller.id.toLowerCase() === user.id.toLowerCase()) {
      return fail(
        graphErrors.denied(
          'a user sets their own password with POST /me/changePassword and the current password, not with passwordProfile',
        ),
      );
    }
    const denied = needs(call, accepts.resetPassword);
    if (denied) return denied;
    const problem = passwordResetRoleProblem(
      call,
      [...tenant.activeRoleIds(user.id)].some((r) => findDirectoryRole(r)?.isPrivileged),
    );
    if (problem) return problem;
    const profile = changes['passwordProfile'] as { password?: unknown } | null;
    const password = profile?.password;
    if (typeof password !== 'string') return fail(graphErrors.badRequest('passwordProfile.password is required.'));
    if (!passwordIsComplex(password))
      return fail(
        graphErrors.badRequest(
          'The specified password does not comply with password complexity requirements. Please provide a different password.',
        ),
      );
    tenant.setPassword(user.id, password);
    // "When this Microsoft Entra user last changed their password … Read-only", returned on $select (resources/user).
    user.lastPasswordChangeDateTime = tenant.clock.now().toISOString();
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
    if ('authorizationInfo' in changes) {
      const info = changes['authorizationInfo'] as { certificateUserIds?: unknown } | null;
      const ids = info?.certificateUserIds;
      if (!Array.isArray(ids) || !ids.every((v) => typeof v === 'string'))
        return fail(graphErrors.badRequest('authorizationInfo.certificateUserIds must be a collection of strings.'));
      user.authorizationInfo = { certificateUserIds: [...ids] };
    }
  }
  return noContent();
}

export const userSecurityRoutes: readonly GraphRoute[] = [
  route('GET', 'users/{id}/authentication/methods', (call, { id }) => {
    const found = methodsOf(call, id!);
    return 'result' in found
      ? found.result
      : collection(call, found.methods, { contextFragment: `users('${found.userId}')/authentication/methods`, present: (m) => m });
  }),
  route('GET', 'users/{id}/authentication/{kind}', (call, { id, kind }) => {
    if (!(kind! in methodCollections)) return fail(graphErrors.notFound(`Segment '${kind}'`));
    const found = methodsOf(call, id!, kind);
    return 'result' in found
      ? found.result
      : collection(call, found.methods, { contextFragment: `users('${found.userId}')/authentication/${kind}`, present: (m) => m });
  }),
  route('GET', 'users/{id}/authentication/{kind}/{methodId}', (call, { id, kind, methodId }) => {
    if (!(kind! in methodCollections) && kind !== 'methods') return fail(graphErrors.notFound(`Segment '${kind}'`));
    const found = methodsOf(call, id!, kind === 'methods' ? undefined : kind);
    if ('result' in found) return found.result;
    const method = found.methods.find((m) => m['id'] === decodeURIComponent(methodId!));
    return method
      ? entity(call, method, `users('${found.userId}')/authentication/${kind}/$entity`)
      : fail(graphErrors.notFound(`Authentication method '${methodId}'`));
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
  // authentication-post-phonemethods: 201 with the phoneAuthenticationMethod; one number per
  // phoneType, whose id is fixed by the type (resources/phoneauthenticationmethod.md) – and, like
  // every phone method, without a createdDateTime.
  route('POST', 'users/{id}/authentication/phoneMethods', (call, { id }) => {
    const found = resolveUser(call, id!);
    if ('result' in found) return found.result;
    const denied = needs(call, accepts.createPhoneMethod);
    if (denied) return denied;
    const body = (call.body ?? {}) as { phoneNumber?: unknown; phoneType?: unknown };
    const phoneType = typeof body.phoneType === 'string' ? body.phoneType : '';
    const methodId = phoneMethodIds[phoneType];
    if (!methodId || typeof body.phoneNumber !== 'string' || !/^\+\d{1,3} \d+(x\d+)?$/.test(body.phoneNumber))
      return fail(
        graphErrors.badRequest(
          'phoneNumber must be "+{country code} {number}x{extension}" and phoneType mobile, alternateMobile or office.',
        ),
      );
    const methods = (found.user.authenticationMethods ??= []);
    if (methods.some((m) => m.id === methodId))
      return fail({
        status: 409,
        code: 'phoneNumberAlreadyExists',
        message: `A ${phoneType} phone is already registered; update it instead.`,
      });
    const method = {
      '@odata.type': '#microsoft.graph.phoneAuthenticationMethod' as const,
      id: methodId,
      phoneNumber: body.phoneNumber,
      phoneType: phoneType as 'mobile' | 'alternateMobile' | 'office',
      smsSignInState: 'notEnabled' as const,
    };
    methods.push(method);
    return {
      status: 201,
      body: {
        '@odata.context': `${call.origin}/${call.version}/$metadata#users('${found.user.id}')/authentication/phoneMethods/$entity`,
        ...method,
      },
    };
  }),
  route('PATCH', 'users/{id}', (call, { id }) => updateUser(call, id!)),
  route('POST', 'users/{id}/revokeSignInSessions', (call, { id }) => {
    const found = resolveUser(call, id!);
    if ('result' in found) return found.result;
    const denied = needs(call, accepts.revokeSessions);
    if (denied) return denied;
    // "resetting the signInSessionsValidFromDateTime user property to the current date-time": every
    // refresh token issued before it is refused – the caller's own too when it revokes itself
    // (api/user-revokesigninsessions.md; the token endpoint checks it, token/user-tokens.ts).
    found.user.signInSessionsValidFromDateTime = call.context.tenant.clock.now().toISOString();
    return ok({ '@odata.context': metadataContext(call, 'Edm.Boolean'), value: true });
  }),
];
