/** Valid values of the contract's output shapes, for tests that need a well-behaved handler. */
import type { Capability, CapabilityId } from '../../src/shared/model/capabilities.ts';
import type { AppStatus } from '../../src/shared/model/status.ts';

export function validCapability(id: CapabilityId): Capability {
  return { id, title: `Title of ${id}`, summary: 'What it does.', available: true };
}

export function validStatus(): AppStatus {
  return {
    product: { name: 'Break-Glass Runbook', version: '0.0.0-test' },
    host: 'web',
    tenant: { kind: 'none', label: 'No tenant configured', nextStep: 'Configure one.' },
    journal: { file: '/tmp/journal.sqlite3', mode: 'chosen', state: 'ready', detail: 'Ready; nothing recorded yet.' },
    capabilities: [validCapability('incident')],
  };
}
