/**
 * What a slow action is doing, in words, while it runs (certificate generation, a password set in
 * the tenant, a review): a live region that is always on the page, so a screen reader hears the
 * words when they appear, and that is empty when nothing runs.
 */
export function BusyNote(props: { readonly busy: boolean; readonly text: string; readonly className?: string }) {
  return (
    <p className={props.className ? `busy ${props.className}` : 'busy'} role="status" aria-live="polite">
      {props.busy ? props.text : ''}
    </p>
  );
}
