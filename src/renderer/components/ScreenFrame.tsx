import { useEffect, useRef, type ReactNode } from 'react';

/**
 * Where the way back sits: a link above the heading (the journal and its sessions, read like a
 * document), or a button below the screen's content, optionally the main action, with a line
 * beside it (what stays open when one leaves).
 */
export type ScreenBack =
  | { readonly at: 'top'; readonly label: string }
  | { readonly at: 'bottom'; readonly label?: string; readonly prominent?: boolean; readonly note?: ReactNode };

/**
 * The frame every screen but home shares (docs/architecture.md, "The renderer's screens"): the `main`
 * landmark, the heading that takes the focus on arrival – again whenever `focusKey` changes, a
 * new step being a new place – so a screen reader starts at the top, and the way back. With
 * `escapeLeaves`, Escape does what the way back does.
 */
export function ScreenFrame(props: {
  readonly heading: ReactNode;
  readonly onBack: () => void;
  readonly back: ScreenBack;
  readonly escapeLeaves?: boolean;
  readonly focusKey?: unknown;
  readonly className?: string;
  readonly children?: ReactNode;
}) {
  const { onBack, back, escapeLeaves = false, focusKey } = props;
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => headingRef.current?.focus(), [focusKey]);

  useEffect(() => {
    if (!escapeLeaves) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [escapeLeaves, onBack]);

  return (
    <main className={props.className ? `screen ${props.className}` : 'screen'}>
      {back.at === 'top' ? (
        <p>
          <button type="button" className="link-button" onClick={onBack}>
            {back.label}
          </button>
        </p>
      ) : null}
      <h1 ref={headingRef} tabIndex={-1}>
        {props.heading}
      </h1>
      {props.children}
      {back.at === 'bottom' ? (
        <p>
          <button type="button" className={back.prominent ? 'action' : 'secondary'} onClick={onBack}>
            {back.label ?? 'Back to the home screen'}
          </button>
          {back.note}
        </p>
      ) : null}
    </main>
  );
}
