/**
 * Reading the simulator's ARM answers through Microsoft's own client and models:
 * @azure/arm-monitor's MonitorClient, pointed at the simulator's ARM endpoint with a
 * TokenCredential (the app's client-credentials token from msal) and an HttpClient that trusts
 * the simulator's CA. Its deserializers keep only the properties Microsoft's model defines, so a
 * property of the simulator's answer that does not come out of them is one the model does not know.
 *
 * @azure/arm-monitor 8.0.0 is generated for newer api-versions (scheduledQueryRules
 * 2025-01-01-preview, actionGroups 2024-10-01-preview) than the product reads (2023-12-01,
 * 2023-01-01): a per-call policy asks the product's api-version, so the simulator answers what it
 * answers the product, and Microsoft's newer model reads it.
 */
import assert from 'node:assert/strict';

import { MonitorClient } from '@azure/arm-monitor';
import type { TokenCredential } from '@azure/core-auth';
import { createHttpHeaders, type HttpClient, type PipelinePolicy } from '@azure/core-rest-pipeline';

import { httpsRequest } from '../../src/main/entra/https-request.ts';
import type { Simulator } from '../../src/sim/index.ts';
import { ids } from '../helpers/sim-seed.ts';
import { confidentialClient } from '../helpers/sim.ts';

function credentialOf(sim: Simulator): TokenCredential {
  const app = confidentialClient(sim, ids.bgApp.appId);
  return {
    getToken: async (scopes) => {
      const result = await app.acquireTokenByClientCredential({ scopes: Array.isArray(scopes) ? scopes : [scopes] });
      assert.ok(result?.accessToken);
      return { token: result.accessToken, expiresOnTimestamp: result.expiresOn?.getTime() ?? Date.now() + 3_600_000 };
    },
  };
}

function trustingHttpClient(ca: string): HttpClient {
  return {
    sendRequest: async (request) => {
      const headers = Object.fromEntries(request.headers);
      const body = typeof request.body === 'string' ? request.body : undefined;
      const response = await httpsRequest(request.url, { method: request.method, headers, ca, ...(body !== undefined ? { body } : {}) });
      return { request, status: response.status, headers: createHttpHeaders(response.headers), bodyAsText: response.body.toString('utf8') };
    },
  };
}

const askApiVersion = (apiVersion: string): PipelinePolicy => ({
  name: 'the-product-api-version',
  sendRequest: (request, next) => {
    const url = new URL(request.url);
    url.searchParams.set('api-version', apiVersion);
    request.url = url.toString();
    return next(request);
  },
});

/** Microsoft's MonitorClient for one subscription of the simulator, asking `apiVersion`. */
export function monitorClient(sim: Simulator, subscriptionId: string, apiVersion: string): MonitorClient {
  return new MonitorClient(credentialOf(sim), subscriptionId, {
    endpoint: sim.armBaseUrl,
    credentials: { scopes: ['https://management.azure.com/.default'] },
    httpClient: trustingHttpClient(sim.caCertificatePem),
    additionalPolicies: [{ policy: askApiVersion(apiVersion), position: 'perCall' }],
    retryOptions: { maxRetries: 0 },
  });
}

export async function listAll<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of pages) items.push(item);
  return items;
}

/**
 * The properties of ARM resources (top level and `properties`, which Microsoft's model flattens)
 * that Microsoft's deserialized model does not carry, as `name.property`; `renamed` lists those
 * the model knows under another name in its newer api-version, with the reason.
 */
export function unknownToModel(
  answer: readonly Record<string, unknown>[],
  modelled: readonly object[],
  renamed: Readonly<Record<string, string>> = {},
): string[] {
  return answer.flatMap((resource, n) => {
    const model = modelled[n] as Record<string, unknown>;
    const { properties, ...top } = resource as { properties?: Record<string, unknown> };
    const names = [...Object.keys(top), ...Object.keys(properties ?? {})];
    return names.filter((name) => model[name] === undefined && !(name in renamed)).map((name) => `${String(resource['name'])}.${name}`);
  });
}
