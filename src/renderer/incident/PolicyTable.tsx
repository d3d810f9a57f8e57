import type { PolicySummary } from '../../shared/model/incident.ts';

/** What happened to a policy in this screen: the notice beside its row, and the action to undo. */
export type RowChange = { readonly notice: string; readonly undoActionId?: string };

export const stateWords: Record<string, string> = { enabled: 'On', enabledForReportingButNotEnforced: 'Report-only', disabled: 'Off' };
export const stateInWords = (state: string) => stateWords[state] ?? state;

type Props = {
  readonly caption: string;
  readonly policies: readonly PolicySummary[];
  /** The policies Entra's sign-in log names as the ones that blocked the failed sign-in. */
  readonly blockedSignIn: ReadonlySet<string>;
  readonly changes: ReadonlyMap<string, RowChange>;
  readonly busy: boolean;
  readonly showBlocks: boolean;
  readonly onReportOnly: (policy: PolicySummary) => void;
  readonly onAddExclusion: (policy: PolicySummary) => void;
  readonly onUndo: (policy: PolicySummary, actionId: string) => void;
};

export const rowId = (policyId: string) => `policy-row-${policyId}`;

/**
 * Conditional Access policies as one compact table: name, state in its own column, and the
 * changes each one offers as it is now – with the notice and Undo beside a row that changed.
 */
export function PolicyTable(props: Props) {
  const { policies, changes, busy } = props;
  return (
    <table className="policy-table">
      <caption className="visually-hidden">{props.caption}</caption>
      <colgroup>
        <col />
        <col className="state-col" />
        <col className="change-col" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Policy</th>
          <th scope="col">State</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {policies.map((p) => {
          const change = changes.get(p.id);
          const nameId = `policy-name-${p.id}`;
          return (
            <tr key={p.id} id={rowId(p.id)} tabIndex={-1} className={change ? 'changed' : undefined}>
              <th scope="row">
                <span id={nameId}>{p.displayName}</span>
                {props.blockedSignIn.has(p.id) ? <span className="blocked-sign-in"> Blocked the failed sign-in (sign-in log)</span> : null}
                {props.showBlocks
                  ? p.blocks.map((b) => (
                      <span key={b.account} className={b.undecided ? 'block-reason undecided' : 'block-reason'}>
                        {b.undecided ? 'May block' : 'Blocks'} <strong>{b.account}</strong>: {b.why}
                      </span>
                    ))
                  : null}
              </th>
              <td className="policy-state">{stateInWords(p.state)}</td>
              <td>
                <span className="policy-actions">
                  {p.offers.reportOnly ? (
                    <button
                      type="button"
                      className="secondary small"
                      onClick={() => props.onReportOnly(p)}
                      disabled={busy}
                      aria-describedby={nameId}
                    >
                      Report-only…
                    </button>
                  ) : null}
                  {p.offers.addExclusion ? (
                    <button
                      type="button"
                      className="secondary small"
                      onClick={() => props.onAddExclusion(p)}
                      disabled={busy}
                      aria-describedby={nameId}
                    >
                      Add the exclusion…
                    </button>
                  ) : null}
                </span>
                {!p.offers.reportOnly && !p.offers.addExclusion && !change ? (
                  <span className="quiet">{p.note ?? 'No change offered'}</span>
                ) : null}
                {change ? (
                  <span className="row-notice" role="status">
                    {change.notice}{' '}
                    {change.undoActionId ? (
                      <button
                        type="button"
                        className="secondary small"
                        onClick={() => props.onUndo(p, change.undoActionId!)}
                        disabled={busy}
                        aria-describedby={nameId}
                      >
                        Undo
                      </button>
                    ) : null}
                  </span>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
