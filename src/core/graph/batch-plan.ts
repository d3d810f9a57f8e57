/**
 * Splits JSON batch requests into `$batch` calls of at most 20 (Graph's limit,
 * https://learn.microsoft.com/graph/json-batching), keeping every `dependsOn` chain inside one
 * call, because Graph resolves dependencies only within a batch.
 */
export const graphBatchLimit = 20;

export type BatchPlanItem = { readonly id: string; readonly dependsOn?: readonly string[] };

export function planBatches<T extends BatchPlanItem>(requests: readonly T[], limit = graphBatchLimit): T[][] {
  const ids = new Set<string>();
  for (const request of requests) {
    if (ids.has(request.id)) throw new Error(`Batch request id "${request.id}" is used twice.`);
    ids.add(request.id);
  }
  // Connected groups of requests (linked by dependsOn either way, in any order), kept in the given order.
  const parent = new Map([...ids].map((id) => [id, id]));
  const root = (id: string): string => {
    const up = parent.get(id)!;
    return up === id ? id : root(up);
  };
  for (const request of requests) {
    for (const dependency of request.dependsOn ?? []) {
      if (!ids.has(dependency)) throw new Error(`Batch request "${request.id}" depends on "${dependency}", which is not in the batch.`);
      parent.set(root(dependency), root(request.id));
    }
  }
  const byRoot = new Map<string, T[]>();
  for (const request of requests) {
    const key = root(request.id);
    byRoot.set(key, [...(byRoot.get(key) ?? []), request]);
  }
  const groups = [...byRoot.values()];
  const chunks: T[][] = [];
  for (const group of groups) {
    if (group.length > limit)
      throw new Error(`${group.length} batch requests depend on each other; Graph allows at most ${limit} in one batch.`);
    const room = chunks.find((chunk) => chunk.length + group.length <= limit);
    if (room) room.push(...group);
    else chunks.push([...group]);
  }
  return chunks;
}
