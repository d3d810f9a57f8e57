import type { ReactNode } from 'react';

/**
 * What only an administrator or Microsoft support needs – Graph operation names, ids, resource
 * paths – folded away under "Details", so the words in view stay the custodian's.
 */
export function TechnicalDetails(props: { readonly children: ReactNode; readonly summary?: string }) {
  return (
    <details className="technical">
      <summary>{props.summary ?? 'Details'}</summary>
      <div className="technical-body">{props.children}</div>
    </details>
  );
}
