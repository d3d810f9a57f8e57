import { useEffect, useState, type ChangeEvent } from 'react';

import type { RunbookContent } from '../../shared/model/runbook.ts';
import { runbookFileName } from '../../shared/model/runbook-gaps.ts';

const asJson = (runbook: RunbookContent) => `${JSON.stringify(runbook, null, 2)}\n`;

/**
 * The runbook file as JSON: export (download it, or copy the text) and import (paste it, or
 * choose a file) – for the step and scenario texts, and for moving a runbook between computers.
 * Importing saves through the same check as the form.
 */
export function RunbookJsonPanel(props: { readonly runbook: RunbookContent; readonly onImport: (text: string) => void }) {
  const [text, setText] = useState(() => asJson(props.runbook));
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  useEffect(() => setText(asJson(props.runbook)), [props.runbook]);

  const download = () => {
    const url = URL.createObjectURL(new Blob([asJson(props.runbook)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = runbookFileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setFileProblem(null);
    if (!file) return;
    file
      .text()
      .then(setText, (error: unknown) =>
        setFileProblem(
          `The file ${file.name} could not be read (${error instanceof Error ? error.message : String(error)}). Choose it again.`,
        ),
      );
  };

  return (
    <section className="panel settings-part" aria-labelledby="json-heading">
      <h2 id="json-heading">Import or export the runbook file</h2>
      <p className="quiet">
        The whole runbook as JSON, including the step and scenario texts (they may use {'{organisation}'} and {'{safeLocation}'}). Paste a
        runbook here or choose a file, then save it; the same check as above applies.
      </p>
      <label>
        Runbook (JSON, format version 1)
        <textarea className="code" value={text} onChange={(e) => setText(e.target.value)} rows={12} spellCheck={false} />
      </label>
      <label>
        Choose a JSON file to import
        <input type="file" accept=".json,application/json" onChange={choose} />
      </label>
      {fileProblem ? (
        <p className="warning" role="alert">
          {fileProblem}
        </p>
      ) : null}
      <p className="actions">
        <button type="button" className="secondary" onClick={() => props.onImport(text)}>
          Save this JSON as the runbook
        </button>
        <button type="button" className="secondary" onClick={download}>
          Download the runbook file
        </button>
      </p>
    </section>
  );
}
