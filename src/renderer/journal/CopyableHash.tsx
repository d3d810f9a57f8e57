import { useRef, useState } from 'react';

import { inGroupsOfFour } from '../../shared/journal-words.ts';

/** A hash shown in full in groups of four, with a Copy button (it copies the hash without spaces); if the clipboard is refused, the text is selected instead. */
export function CopyableHash({ hash }: { readonly hash: string }) {
  const [note, setNote] = useState('');
  const textRef = useRef<HTMLElement>(null);
  const copy = () => {
    navigator.clipboard.writeText(hash).then(
      () => setNote('Copied.'),
      () => {
        const selection = window.getSelection();
        if (textRef.current && selection) selection.selectAllChildren(textRef.current);
        setNote('Copying was refused: the hash is selected, press Ctrl+C (the spaces between the groups do not matter).');
      },
    );
  };
  return (
    <span className="hash">
      <code ref={textRef} className="path" data-testid="head-hash">
        {inGroupsOfFour(hash)}
      </code>{' '}
      <button type="button" className="secondary small" onClick={copy} aria-label="Copy the head hash">
        Copy
      </button>{' '}
      <span className="quiet" aria-live="polite">
        {note}
      </span>
    </span>
  );
}
