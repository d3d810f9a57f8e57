import { useRef, useState } from 'react';

/** A block of text (a query, a config) with a Copy button; if the clipboard is refused, the text is selected instead. */
export function CopyableText(props: { readonly label: string; readonly text: string }) {
  const [note, setNote] = useState('');
  const textRef = useRef<HTMLPreElement>(null);
  const copy = () => {
    navigator.clipboard.writeText(props.text).then(
      () => setNote('Copied.'),
      () => {
        const selection = window.getSelection();
        if (textRef.current && selection) selection.selectAllChildren(textRef.current);
        setNote('Copying was refused: the text is selected, press Ctrl+C.');
      },
    );
  };
  return (
    <div className="copyable">
      <pre ref={textRef} className="data" tabIndex={0} aria-label={props.label}>
        {props.text}
      </pre>
      <button type="button" className="secondary small" onClick={copy} aria-label={`Copy ${props.label}`}>
        Copy
      </button>{' '}
      <span className="quiet" aria-live="polite">
        {note}
      </span>
    </div>
  );
}
