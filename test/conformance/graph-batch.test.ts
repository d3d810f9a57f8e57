/**
 * Graph's JSON batching as Microsoft documents it (concepts/json-batching.md): the simulator
 * answers Microsoft's batch in the envelope of Microsoft's answer (each response's id, status,
 * headers and body), and the product's GraphConnection.batch reads Microsoft's answer itself –
 * every collector round goes through it.
 */
import assert from 'node:assert/strict';

import type { GraphBatchRequest } from '../../src/main/entra/graph-connection.ts';
import { conformanceCase } from './conformance.ts';
import type { MicrosoftExample } from './examples.ts';

const requestsOf = (example: MicrosoftExample) => (example.request.body as { requests: GraphBatchRequest[] }).requests;

conformanceCase({
  example: 'json-batching',
  shape: {
    notCompared: {
      // Microsoft's answers are a signed-in user's; the break-glass app is app-only (see the example's note).
      'responses[].body':
        "each sub-request's body is that endpoint's answer, judged by its own example; Microsoft's are a signed-in user's",
      'responses[].headers.Cache-Control': 'a caching header, not read by the product',
      'responses[].headers.x-ms-resource-unit':
        'a throttling header Microsoft shows for directory reads only (the page hides it for that reason)',
      'responses[].headers.OData-Version': 'not read by the product',
      'responses[].headers.X-ProxyCluster': "Planner's own header",
      'responses[].headers.X-OfficeCluster': "Planner's own header",
      'responses[].headers.X-Tasks-CorrelationId': "Planner's own header",
    },
  },
  product: {
    reader: 'GraphConnection.batch (every collector round)',
    read: async (replay, example) => {
      const answers = await replay.graph.batch(requestsOf(example));
      assert.deepEqual(
        [...answers.values()].map((a) => [a.id, a.status]),
        [
          ['1', 200],
          ['2', 403],
          ['3', 403],
          ['4', 405],
          ['5', 200],
        ],
      );
      assert.equal((answers.get('1')?.body as { value: Array<{ displayName: string }> }).value[0]?.displayName, 'User Administrator');
      assert.ok(
        answers.get('3')?.error?.message.includes('Insufficient privileges'),
        `the product's error for request 3 names no cause: ${answers.get('3')?.error?.message}`,
      );
    },
  },
});
