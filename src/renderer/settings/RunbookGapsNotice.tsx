import { useCallback } from 'react';

import { runbookGapNames, runbookGaps } from '../../shared/model/runbook-gaps.ts';
import type { IpcClient } from '../app/ipc-client.ts';
import { useLoaded } from '../components/useLoaded.ts';

/**
 * The home screen's notice while the runbook lacks what an incident needs – the security
 * operations contacts, where the safe is, the organisation's name – with the way to Settings.
 * Nothing shows once they are set (docs/domain.md, "The incident runbook").
 */
export function RunbookGapsNotice(props: { readonly client: IpcClient; readonly onOpenSettings: () => void }) {
  const { client } = props;
  const load = useCallback(() => client.invoke('settings:runbook', {}), [client]);
  const [loaded] = useLoaded(load);
  if (loaded.kind !== 'loaded') return null;
  const gaps = runbookGaps(loaded.value.runbook);
  if (gaps.length === 0) return null;
  const names = gaps.map((gap) => runbookGapNames[gap]);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return (
    <section className="panel notice" aria-labelledby="gaps-heading">
      <h2 id="gaps-heading">The runbook is not complete</h2>
      <p>
        Not set yet: {list}. During an incident the custodian would have to find them elsewhere. Fill them in before the runbook is needed.
      </p>
      <p>
        <button type="button" className="secondary" onClick={props.onOpenSettings}>
          Open Settings to fill them in
        </button>
      </p>
    </section>
  );
}
