import { useEffect } from 'react';

/** Escape leaves the screen, as its Back button does: every screen offers the same way out. */
export function useEscapeToLeave(onBack: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);
}
