/**
 * Faults on demand, for drills and tests: added latency, 429 with Retry-After (fractional
 * seconds too, as some Graph doc revisions show), 503, or a reset connection – before the request
 * is handled, or after it was carried out (`afterApplying`) – on chosen routes,
 * after N calls, for M times. Rules match `/{version}/...` paths, so one rule covers a Graph
 * route whether it is called directly or inside `$batch`.
 */
export type Surface = 'token' | 'page' | 'graph' | 'arm';

export type FaultRule = {
  /** Only requests to this surface; every surface when omitted. */
  readonly surface?: Surface;
  readonly method?: string;
  /** Path prefix such as "/v1.0/users", or a regular expression source starting with "^". */
  readonly path?: string;
  /** Let this many matching calls through before the fault starts. */
  readonly afterCalls?: number;
  /** Apply the fault this many times, then let calls through again; forever when omitted. */
  readonly times?: number;
  readonly latencyMs?: number;
  readonly respond?: { readonly status: 429 | 500 | 502 | 503 | 504; readonly retryAfter?: string | number };
  /** Destroy the connection without an answer (ECONNRESET at the client). */
  readonly reset?: boolean;
  /**
   * Carry the request out first, then answer with `respond` or reset the connection: how a real
   * timeout or lost answer after Graph committed a write looks to the client. Graph's error table
   * allows it – a 504 is a proxy that "did not receive a timely response from the upstream
   * server", which may still finish the work (https://learn.microsoft.com/graph/errors) – and no
   * Microsoft page promises that a 5xx or a broken connection means the write was not applied.
   */
  readonly afterApplying?: boolean;
  /**
   * Graph only: answer with this Graph error instead of handling the request – a refusal on demand,
   * such as 403 Authorization_RequestDenied "Insufficient privileges to complete the operation."
   */
  readonly graphError?: { readonly status: 400 | 401 | 403 | 404 | 409; readonly code: string; readonly message: string };
};

/**
 * A certificate added to an application (addKey or PATCH keyCredentials) that the token endpoint
 * does not know yet: a client assertion signed with it is refused as Entra refuses an unknown key
 * (AADSTS700027, "The key was not found"), for `refusedAttempts` token requests with that key,
 * or until `refusedSeconds` of simulated time have passed since it was added – whichever is given
 * (both: refused while either holds).
 *
 * Microsoft documents that Entra replicates every write across data centers and that a change
 * "might take several minutes" to reach them all, to be met by waiting and retrying with a doubling
 * wait (https://learn.microsoft.com/troubleshoot/entra/entra-id/app-integration/404-not-found-error-manage-objects-microsoft-graph,
 * MicrosoftDocs/SupportArticles-docs). For a new credential Microsoft's pages give no figure: the
 * question is asked for a new secret in microsoftgraph/microsoft-graph-docs-contrib#1921, Azure's
 * own workload-identity team notes "failure for a couple of minutes" after adding a federated
 * credential (Azure/azure-workload-identity#273), and a Microsoft engineer wrote "There are no
 * documented replication SLAs" (microsoftgraph/msgraph-bicep-types#193). So this is a fault on
 * demand, not a default.
 */
export type KeyPropagationDelay = { readonly refusedAttempts?: number; readonly refusedSeconds?: number };

export type FaultPlan = {
  /** Latency added to every request, on top of any rule's. */
  readonly latencyMs?: number;
  readonly rules?: readonly FaultRule[];
  readonly keyPropagation?: KeyPropagationDelay;
};

export type FaultDecision = {
  readonly latencyMs: number;
  readonly respond?: { readonly status: number; readonly retryAfter?: string };
  readonly reset: boolean;
  /** The request is handled as usual before the fault (respond or reset) replaces its answer. */
  readonly afterApplying: boolean;
  readonly graphError?: FaultRule['graphError'];
};

function matches(rule: FaultRule, surface: Surface, method: string, path: string): boolean {
  if (rule.surface && rule.surface !== surface) return false;
  if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  if (!rule.path) return true;
  return rule.path.startsWith('^') ? new RegExp(rule.path).test(path) : path.toLowerCase().startsWith(rule.path.toLowerCase());
}

export class FaultInjector {
  private plan: FaultPlan = {};
  private seen: number[] = [];
  private applied: number[] = [];
  /** When each key was added (simulated time), and how often a token was asked for with it since. */
  private readonly addedKeys = new Map<string, { addedAt: number; attempts: number }>();

  set(plan: FaultPlan): void {
    this.plan = plan;
    this.seen = (plan.rules ?? []).map(() => 0);
    this.applied = (plan.rules ?? []).map(() => 0);
    for (const key of this.addedKeys.values()) key.attempts = 0;
  }

  /** A key was added to an application now; it may not have "replicated" yet. */
  keyAdded(keyId: string, now: Date): void {
    this.addedKeys.set(keyId.toLowerCase(), { addedAt: now.getTime(), attempts: 0 });
  }

  /** One token request signed with this key: whether the key-propagation fault refuses it. */
  refusesNewKey(keyId: string, now: Date): boolean {
    const delay = this.plan.keyPropagation;
    const added = this.addedKeys.get(keyId.toLowerCase());
    if (!delay || !added) return false;
    added.attempts += 1;
    const byAttempts = delay.refusedAttempts !== undefined && added.attempts <= delay.refusedAttempts;
    const bySeconds = delay.refusedSeconds !== undefined && now.getTime() < added.addedAt + delay.refusedSeconds * 1000;
    return byAttempts || bySeconds;
  }

  /** Decides for one request (or one `$batch` sub-request, which ignores latency and resets). */
  decide(surface: Surface, method: string, path: string): FaultDecision {
    let latencyMs = this.plan.latencyMs ?? 0;
    let respond: FaultDecision['respond'];
    let graphError: FaultDecision['graphError'];
    let reset = false;
    let afterApplying = false;
    (this.plan.rules ?? []).forEach((rule, index) => {
      if (!matches(rule, surface, method, path)) return;
      const seen = ++this.seen[index]!;
      if (seen <= (rule.afterCalls ?? 0)) return;
      if (rule.times !== undefined && this.applied[index]! >= rule.times) return;
      this.applied[index]! += 1;
      latencyMs += rule.latencyMs ?? 0;
      if (rule.reset) reset = true;
      if (rule.afterApplying && (rule.reset || rule.respond)) afterApplying = true;
      if (rule.graphError && surface === 'graph') graphError ??= rule.graphError;
      if (rule.respond && !respond) {
        respond = {
          status: rule.respond.status,
          ...(rule.respond.retryAfter !== undefined ? { retryAfter: String(rule.respond.retryAfter) } : {}),
        };
      }
    });
    return { latencyMs, reset, afterApplying, ...(respond ? { respond } : {}), ...(graphError ? { graphError } : {}) };
  }
}
