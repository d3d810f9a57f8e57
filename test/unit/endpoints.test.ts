// Where sign-in, Graph and ARM are, from the inventory file: Microsoft's global cloud by default.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { defaultScope, endpointsFromInventory } from '../../src/main/entra/endpoints.ts';
import { Inventory } from '../../src/shared/inventory.ts';

const tenantId = '7d3e1f0a-5b2c-4c8e-9a41-2f6d8b0c9e13';

test('without endpoints: the global cloud, which msal-node knows itself; no CA of ours is trusted', () => {
  const endpoints = endpointsFromInventory(Inventory.parse({ tenantId }));
  assert.equal(endpoints.authority, `https://login.microsoftonline.com/${tenantId}`);
  assert.deepEqual(endpoints.knownAuthorities, []);
  assert.equal(endpoints.graph, 'https://graph.microsoft.com');
  assert.equal(endpoints.arm, 'https://management.azure.com');
  assert.equal(endpoints.trustedCa, undefined);
  assert.equal(defaultScope(endpoints, 'graph'), 'https://graph.microsoft.com/.default');
});

test('another cloud: its hosts are used as given, trailing slashes dropped', () => {
  const endpoints = endpointsFromInventory(
    Inventory.parse({
      tenantId,
      endpoints: {
        authority: 'https://login.microsoftonline.us/',
        graph: 'https://graph.microsoft.us/',
        arm: 'https://management.usgovcloudapi.net',
      },
    }),
  );
  assert.equal(endpoints.authority, `https://login.microsoftonline.us/${tenantId}`);
  assert.deepEqual(endpoints.knownAuthorities, [], 'msal-node knows the US Government cloud');
  assert.equal(defaultScope(endpoints, 'arm'), 'https://management.usgovcloudapi.net/.default');
});

test('an authority host msal-node does not know is declared, with its port, so msal never asks Microsoft about it', () => {
  const endpoints = endpointsFromInventory(
    Inventory.parse({
      tenantId,
      endpoints: { authority: 'https://127.0.0.1:8443', graph: 'https://127.0.0.1:8443', arm: 'https://127.0.0.1:8443' },
    }),
  );
  assert.deepEqual(endpoints.knownAuthorities, ['127.0.0.1:8443']);
});
