import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

type Props = {
  readonly title: string;
  readonly confirmLabel: string;
  readonly busy: boolean;
  readonly onConfirm: () => void;
  /** Cancel, the Cancel button and Escape: Escape closes the dialog only, never the screen behind it. */
  readonly onCancel: () => void;
  readonly children: ReactNode;
};

const focusable = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled])';

/**
 * A modal confirmation on a native <dialog> opened with showModal(): the page behind it is inert,
 * focus starts on the confirm button and stays inside (Tab and Shift+Tab wrap), and Escape
 * cancels it without reaching a screen's own Escape handler (ScreenFrame listens on window).
 */
export function ConfirmDialog(props: Props) {
  const { onCancel } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return undefined;
    if (!dialog.open) dialog.showModal();
    confirmRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
      return;
    }
    if (event.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(focusable)];
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby="confirm-dialog-title"
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        // The browser's own cancel (Escape) is handled above; keep the dialog in React's hands.
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="confirm-dialog-title">{props.title}</h2>
      {props.children}
      <p className="actions">
        <button ref={confirmRef} type="button" className="action" onClick={props.onConfirm} disabled={props.busy}>
          {props.confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={props.busy}>
          Cancel
        </button>
      </p>
    </dialog>
  );
}
