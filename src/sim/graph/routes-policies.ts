/**
 * Conditional Access policies (list, get, PATCH) and the authentication-methods policy:
 * https://learn.microsoft.com/graph/api/conditionalaccessroot-list-policies,
 * …/conditionalaccesspolicy-update, …/authenticationmethodspolicy-get.
 */
import {
  conditionalAccessBetaOnly,
  conditionalAccessPolicySchema,
  type ConditionalAccessPolicySeed,
} from '../seed/schema-conditional-access.ts';
import { authenticatorTargetBetaOnly, type AuthenticationMethodConfigurationSeed } from '../seed/schema-governance.ts';
import { graphErrors } from './errors.ts';
import { collection, entity, fail, needs, noContent, type GraphCall, type GraphResult } from './graph-call.ts';
import { accepts } from './permissions.ts';
import { withoutProperties } from './present.ts';
import { route, type GraphRoute } from './routes.ts';

const readOnlyPolicyKeys = new Set(['id', 'createdDateTime', 'modifiedDateTime', '@odata.type', '@odata.context']);

/**
 * PATCH semantics for complex properties: nested objects merge, arrays and scalars replace –
 * the documented example sends only `conditions.signInRiskLevels` and keeps the other conditions.
 */
function merge(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  if (target === null || typeof target !== 'object' || Array.isArray(target)) return patch;
  const result: Record<string, unknown> = { ...(target as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) result[key] = merge(result[key], value);
  return result;
}

function updatePolicy(call: GraphCall, id: string): GraphResult {
  const tenant = call.context.tenant;
  // conditionalaccesspolicy-update: Policy.Read.All, Policy.ReadWrite.ConditionalAccess and
  // Application.Read.All; neither Directory.ReadWrite.All nor a directory role of an app stands in.
  const denied = needs(call, accepts.updateConditionalAccess);
  if (denied) return denied;
  const policies = tenant.seed.conditionalAccessPolicies;
  const index = policies.findIndex((p) => p.id.toLowerCase() === id.toLowerCase());
  if (index < 0) return fail(graphErrors.notFound(`Conditional Access policy '${id}'`));
  const body = call.body;
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return fail(graphErrors.badRequest('The request body must be a JSON object.'));
  const readOnly = Object.keys(body).find((k) => readOnlyPolicyKeys.has(k) && k !== 'id');
  if (readOnly) return fail(graphErrors.badRequest(`Property '${readOnly}' is read-only.`));
  const merged = merge(policies[index], body) as Record<string, unknown>;
  merged['id'] = policies[index]!.id;
  merged['modifiedDateTime'] = tenant.clock.now().toISOString();
  const parsed = conditionalAccessPolicySchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(graphErrors.badRequest(`Invalid conditional access policy: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim()));
  }
  policies[index] = parsed.data;
  return noContent();
}

/** A policy as this version answers it: v1.0 without what only beta defines (a seed may hold a beta export). */
function presentPolicy(call: GraphCall, policy: ConditionalAccessPolicySeed): Record<string, unknown> {
  const full: Record<string, unknown> = { templateId: null, sessionControls: null, ...policy };
  if (call.version === 'beta') return full;
  const { clientApplications, ...conditions } = policy.conditions;
  return {
    ...withoutProperties(full, conditionalAccessBetaOnly.policy),
    conditions: {
      ...withoutProperties(conditions, conditionalAccessBetaOnly.conditions),
      ...(clientApplications === undefined
        ? {}
        : {
            clientApplications: clientApplications && withoutProperties(clientApplications, conditionalAccessBetaOnly.clientApplications),
          }),
    },
  };
}

/** A v1.0 answer leaves out the target properties only beta defines (authenticatorTargetBetaOnly). */
function presentMethodConfiguration(call: GraphCall, configuration: AuthenticationMethodConfigurationSeed): Record<string, unknown> {
  if (call.version === 'beta' || !configuration.includeTargets) return configuration;
  return { ...configuration, includeTargets: configuration.includeTargets.map((t) => withoutProperties(t, authenticatorTargetBetaOnly)) };
}

/**
 * The policy as the seed holds it (resources/authenticationmethodspolicy), around the seed's method
 * configurations. id, displayName and description are the same in every tenant
 * (authenticationmethodspolicy-get.md); what the seed does not hold is sent as Graph sends an unset
 * property, null – never a value of the simulator's own.
 */
function authenticationMethodsPolicy(call: GraphCall): Record<string, unknown> {
  const { seed } = call.context.tenant;
  return {
    id: 'authenticationMethodsPolicy',
    displayName: 'Authentication Methods Policy',
    description:
      'The tenant-wide policy that controls which authentication methods are allowed in the tenant, authentication method registration requirements, and self-service password reset settings',
    lastModifiedDateTime: null,
    policyVersion: null,
    reconfirmationInDays: null,
    registrationEnforcement: null,
    ...seed.authenticationMethodsPolicy,
    'authenticationMethodConfigurations@odata.context': `${call.origin}/${call.version}/$metadata#policies/authenticationMethodsPolicy/authenticationMethodConfigurations`,
    authenticationMethodConfigurations: seed.authenticationMethodConfigurations.map((c) => presentMethodConfiguration(call, c)),
  };
}

export const policyRoutes: readonly GraphRoute[] = [
  route(
    'GET',
    'identity/conditionalAccess/policies',
    (call) =>
      needs(call, accepts.readConditionalAccess) ??
      collection(call, call.context.tenant.seed.conditionalAccessPolicies, {
        contextFragment: 'identity/conditionalAccess/policies',
        present: (p) => presentPolicy(call, p),
      }),
  ),
  route('GET', 'identity/conditionalAccess/policies/{id}', (call, { id }) => {
    const denied = needs(call, accepts.readConditionalAccess);
    if (denied) return denied;
    const policy = call.context.tenant.seed.conditionalAccessPolicies.find((p) => p.id.toLowerCase() === id!.toLowerCase());
    return policy
      ? entity(call, presentPolicy(call, policy), 'identity/conditionalAccess/policies/$entity')
      : fail(graphErrors.notFound(`Conditional Access policy '${id}'`));
  }),
  route('PATCH', 'identity/conditionalAccess/policies/{id}', (call, { id }) => updatePolicy(call, id!)),
  route(
    'GET',
    'policies/authenticationMethodsPolicy',
    (call) =>
      needs(call, accepts.readAuthenticationMethodsPolicy) ??
      entity(call, authenticationMethodsPolicy(call), 'policies/authenticationMethodsPolicy/$entity'),
  ),
  route('GET', 'policies/authenticationMethodsPolicy/authenticationMethodConfigurations/{id}', (call, { id }) => {
    const denied = needs(call, accepts.readAuthenticationMethodsPolicy);
    if (denied) return denied;
    const configuration = call.context.tenant.seed.authenticationMethodConfigurations.find((c) => c.id.toLowerCase() === id!.toLowerCase());
    return configuration
      ? entity(
          call,
          presentMethodConfiguration(call, configuration),
          'policies/authenticationMethodsPolicy/authenticationMethodConfigurations/$entity',
        )
      : fail(graphErrors.notFound(`Authentication method configuration '${id}'`));
  }),
];
