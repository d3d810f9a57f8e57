/**
 * Where Graph calls get their bearer token. Concurrent callers share one acquisition in flight:
 * msal-node does not de-duplicate parallel `acquireTokenByClientCredential` calls, and it reuses
 * one client assertion until it expires (docs/microsoft-behaviour.md, "Client assertion"), so parallel calls on an empty
 * cache would present the same assertion (same `jti`) twice – which Entra may refuse as a replay
 * (the simulator does, AADSTS50013). One request at a time is also kinder to a struggling tenant.
 */
export type TokenSource = () => Promise<string>;

export function coalescedTokenSource(acquire: TokenSource): TokenSource {
  let inFlight: Promise<string> | undefined;
  return () => {
    inFlight ??= acquire().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}
