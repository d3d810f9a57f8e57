import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';

const backLabel = (back: ScreenBack) => back.label ?? 'Back to the home screen';

/**
 * Where the way back sits: a link above the heading (the journal and its sessions, read like a
 * document), or a button below the screen's content, optionally the main action, with a line
 * beside it (what stays open when one leaves).
 */
export type ScreenBack =
  | { readonly at: 'top'; readonly label: string }
  | { readonly at: 'bottom'; readonly label?: string; readonly prominent?: boolean; readonly note?: ReactNode };

type TextField = HTMLInputElement | HTMLTextAreaElement;

const textInputTypes = new Set(['text', 'search', 'email', 'password', 'tel', 'url', 'number']);

function isTextField(target: EventTarget | null): target is TextField {
  return target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && textInputTypes.has(target.type));
}

/** Whether a field the custodian typed into is still on screen and not empty (forgetting those that are gone). */
function holdsTypedText(typed: Set<TextField>): boolean {
  for (const field of typed) {
    if (!field.isConnected) typed.delete(field);
    else if (field.value.trim() !== '') return true;
  }
  return false;
}

/** Escape from inside a dialog is the dialog's (docs/architecture.md, "The renderer's screens"). */
function fromDialog(event: KeyboardEvent): boolean {
  return event.target instanceof Element && event.target.closest('dialog, [role="dialog"], [role="alertdialog"]') !== null;
}

/**
 * The frame every screen but home shares (docs/architecture.md, "The renderer's screens"): the `main`
 * landmark, the heading that takes the focus on arrival – again whenever `focusKey` changes, a
 * new step being a new place – so a screen reader starts at the top (unless a part of the screen
 * focused its own heading, as a verdict does), and the way back. Escape
 * does what the way back does, except while the screen holds text typed into it: then Escape
 * leaves nothing and says so, and the text stays. A dialog's Escape is its own.
 */
export function ScreenFrame(props: {
  readonly heading: ReactNode;
  readonly onBack: () => void;
  readonly back: ScreenBack;
  readonly focusKey?: unknown;
  readonly className?: string;
  readonly children?: ReactNode;
}) {
  const { onBack, back, focusKey } = props;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const typed = useRef(new Set<TextField>());
  const [kept, setKept] = useState(false);

  useEffect(() => {
    setKept(false);
    // A part of the screen that arrived with its own heading focused (the rotation's verdict) keeps
    // it: that heading is where the news is. Its effect runs before this one.
    const active = document.activeElement;
    const ownHeading = active instanceof HTMLHeadingElement && active !== headingRef.current && active.closest('main') !== null;
    if (!ownHeading) headingRef.current?.focus();
  }, [focusKey]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing || fromDialog(event)) return;
      if (holdsTypedText(typed.current)) setKept(true);
      else onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);

  const onInput = (event: FormEvent<HTMLElement>) => {
    if (!isTextField(event.target)) return;
    typed.current.add(event.target);
    setKept(false);
  };

  return (
    <main className={props.className ? `screen ${props.className}` : 'screen'} onInput={onInput}>
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
      <p role="status" className="escape-hint">
        {kept ? `Escape did not leave this screen, so the text you typed is kept. To leave anyway: “${backLabel(back)}”.` : ''}
      </p>
      {props.children}
      {back.at === 'bottom' ? (
        <p>
          <button type="button" className={back.prominent ? 'action' : 'secondary'} onClick={onBack}>
            {backLabel(back)}
          </button>
          {back.note}
        </p>
      ) : null}
    </main>
  );
}
