import { useEffect, useRef } from 'react';

/**
 * A debouncer for search boxes: `schedule(fn)` runs `fn` after `ms` of quiet, replacing any
 * pending call; `cancel()` drops the pending call (e.g. Enter searches at once). Cleared on unmount.
 */
export function useDebounce(ms: number): { schedule(fn: () => void): void; cancel(): void } {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };
  return {
    schedule(fn) {
      cancel();
      timer.current = setTimeout(() => {
        timer.current = null;
        fn();
      }, ms);
    },
    cancel,
  };
}
