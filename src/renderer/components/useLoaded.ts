import { useCallback, useEffect, useState } from 'react';

/** The state of one request to main: loading, its value, or a problem with the next step. */
export type Loaded<T> =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly value: T }
  | { readonly kind: 'failed'; readonly message: string; readonly nextStep: string };

export function explainError(error: unknown): { message: string; nextStep: string } {
  const nextStep =
    typeof error === 'object' && error !== null && 'nextStep' in error && typeof error.nextStep === 'string'
      ? error.nextStep
      : 'Try again. If it keeps failing, restart the app; the journal is kept.';
  return { message: error instanceof Error ? error.message : String(error), nextStep };
}

/** Runs `load` now and whenever `reload` is called; the latest answer wins. */
export function useLoaded<T>(load: () => Promise<T>): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    load().then(
      (value) => current && setState({ kind: 'loaded', value }),
      (error: unknown) => current && setState({ kind: 'failed', ...explainError(error) }),
    );
    return () => {
      current = false;
    };
  }, [load, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return [state, reload];
}
