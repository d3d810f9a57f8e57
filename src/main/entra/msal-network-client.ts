/**
 * msal-node's network module (INetworkModule; docs/architecture.md, "Toolchain pitfalls") over the HTTPS helper, so
 * msal trusts the simulator's CA without a process-wide setting. It behaves like msal-node 7's
 * own fetch-based HttpClient: every status is returned (never thrown), bodies are parsed JSON,
 * header names are lower-case, and a network failure is thrown as msal's network error.
 */
import { AuthError, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';

import { httpsRequest } from './https-request.ts';

export class TrustingNetworkClient implements INetworkModule {
  constructor(private readonly ca: string) {}

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>(url, 'GET', options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>(url, 'POST', options);
  }

  private async send<T>(
    url: string,
    method: string,
    options: NetworkRequestOptions | undefined,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    let response;
    try {
      response = await httpsRequest(url, {
        method,
        ca: this.ca,
        headers: options?.headers ?? {},
        ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
        ...(timeout ? { timeoutMs: timeout } : {}),
      });
    } catch (error) {
      // The same code msal-node's HttpClient uses, so callers see one kind of network failure.
      throw new AuthError('network_error', `Network request failed: ${(error as Error).message}`);
    }
    let body: T;
    try {
      body = JSON.parse(response.body.toString('utf8')) as T;
    } catch (error) {
      throw new AuthError('token_parsing_error', `Failed to parse response: ${(error as Error).message}`);
    }
    return { headers: response.headers, body, status: response.status };
  }
}
