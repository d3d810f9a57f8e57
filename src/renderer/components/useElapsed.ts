import { useEffect, useState } from 'react';

export type Elapsed = { readonly hh: string; readonly mm: string; readonly ss: string; readonly spoken: string };

/** The time since `since` (an ISO instant), ticking every second, as hh:mm:ss and in words. */
export function useElapsed(since: string): Elapsed {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const seconds = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  const hh = String(Math.floor(seconds / 3600)).padStart(2, '0');
  const mm = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0');
  const ss = String(seconds % 60).padStart(2, '0');
  return { hh, mm, ss, spoken: `${hh} hours ${mm} minutes` };
}
