import { useEffect, useState } from 'react';

import { inGroupsOfFour, localTime } from '../../shared/journal-words.ts';

/**
 * The paper record of the chain head: not on screen, and when printing the only thing on the page
 * (`.print-sheet`, base.css). The head, how many entries it covers, when it was printed, the
 * journal file, and lines for the custodian's and the witness's signatures.
 */
export function ChainHeadSheet(props: { readonly head: string; readonly entryCount: number; readonly file: string }) {
  // The time on the sheet is when it is printed, not when the screen was opened.
  const [printedAt, setPrintedAt] = useState(() => new Date().toISOString());
  useEffect(() => {
    const now = () => setPrintedAt(new Date().toISOString());
    window.addEventListener('beforeprint', now);
    return () => window.removeEventListener('beforeprint', now);
  }, []);
  return (
    <section className="print-sheet chain-sheet" aria-hidden="true">
      <h2>Break-glass journal: chain head for the paper record</h2>
      <p className="chain-sheet-head">{inGroupsOfFour(props.head)}</p>
      <dl className="facts">
        <div>
          <dt>Entries</dt>
          <dd>{props.entryCount}</dd>
        </div>
        <div>
          <dt>Printed</dt>
          <dd>{localTime(printedAt)}</dd>
        </div>
        <div>
          <dt>Journal file</dt>
          <dd className="path">{props.file}</dd>
        </div>
      </dl>
      <p className="signature-line">Custodian (name and signature): ________________________________</p>
      <p className="signature-line">Witness (name and signature): ________________________________</p>
      <p className="signature-line">Date and time: ________________________________</p>
    </section>
  );
}
