/**
 * The Graph client the product uses: @microsoft/microsoft-graph-client with the bearer token,
 * retry of 429/503/504 honouring Retry-After (throttle-retry.ts; docs/microsoft-behaviour.md, "Throttling and paging"), and –
 * only when Graph is the simulator – the transport that trusts the simulator's CA.
 *
 * graph-js attaches the token only to Microsoft's Graph hosts or `customHosts`, given as a bare
 * host name without port (docs/architecture.md, "Toolchain pitfalls"), so a simulator host is listed there.
 */
import { AuthenticationHandler, Client, HTTPMessageHandler, type AuthenticationProvider } from '@microsoft/microsoft-graph-client';

import { TrustingGraphTransport } from './graph-transport.ts';
import { ThrottleRetryHandler, defaultRetryPolicy, type RetryPolicy } from './throttle-retry.ts';

/** graph-js's own list of Graph hosts (src/Constants.ts, GRAPH_URLS). */
const microsoftGraphHosts = new Set([
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'graph.microsoft.de',
  'microsoftgraph.chinacloudapi.cn',
  'canary.graph.microsoft.com',
]);

export type GraphClientOptions = {
  /** Like https://graph.microsoft.com, without a version. */
  readonly graphBaseUrl: string;
  readonly getAccessToken: () => Promise<string>;
  /** The simulator's CA: set only for simulator endpoints. */
  readonly trustedCa?: string;
  /** Retries of throttled or unavailable requests; `defaultRetryPolicy` when left out. */
  readonly retry?: Partial<RetryPolicy>;
};

export function createGraphClient(options: GraphClientOptions): Client {
  const base = new URL(options.graphBaseUrl);
  const authProvider: AuthenticationProvider = { getAccessToken: options.getAccessToken };
  return Client.initWithMiddleware({
    baseUrl: `${base.origin}/`,
    defaultVersion: 'v1.0',
    ...(microsoftGraphHosts.has(base.hostname) ? {} : { customHosts: new Set([base.hostname]) }),
    middleware: [
      new AuthenticationHandler(authProvider),
      new ThrottleRetryHandler({ ...defaultRetryPolicy, ...options.retry }),
      options.trustedCa ? new TrustingGraphTransport(options.trustedCa) : new HTTPMessageHandler(),
    ],
  });
}
