/**
 * OpenID configuration and JWKS (docs/microsoft-behaviour.md, "Authority and OpenID discovery"). The issuer is built from the Host
 * the client used, because msal-node rejects metadata whose issuer does not share the
 * authority's origin (docs/architecture.md, "Toolchain pitfalls").
 */
import { jsonResponse, type SimRequest, type SimResponse } from '../http/messages.ts';
import { entraUrls, type SimulatorContext } from './context.ts';

export function openIdConfiguration(context: SimulatorContext, request: SimRequest): SimResponse {
  const urls = entraUrls(request.origin, context.tenant.tenantId);
  return jsonResponse(200, {
    token_endpoint: urls.token,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: urls.jwks,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: urls.issuer,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${request.origin}/oidc/userinfo`,
    authorization_endpoint: urls.authorize,
    device_authorization_endpoint: urls.deviceCode,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: urls.logout,
    claims_supported: [
      'sub',
      'iss',
      'cloud_instance_name',
      'cloud_instance_host_name',
      'cloud_graph_host_name',
      'msgraph_host',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'acr',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'at_hash',
      'c_hash',
      'email',
    ],
    kerberos_endpoint: `${request.origin}/${context.tenant.tenantId}/kerberos`,
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  });
}

export async function jsonWebKeySet(context: SimulatorContext, request: SimRequest): Promise<SimResponse> {
  return jsonResponse(200, await context.issuer.jwks(entraUrls(request.origin, context.tenant.tenantId).issuer));
}
