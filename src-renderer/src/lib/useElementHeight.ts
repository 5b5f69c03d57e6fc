import { useCallback, useRef, useState } from 'react';

/** A callback ref and the element's current content height (follows window resizes). */
export function useElementHeight<T extends HTMLElement>(): [(el: T | null) => void, number] {
  const [height, setHeight] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((el: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el) return;
    setHeight(el.clientHeight);
    observer.current = new ResizeObserver((entries) => {
      const h = entries[0]?.contentRect.height;
      if (h !== undefined) setHeight(Math.floor(h));
    });
    observer.current.observe(el);
  }, []);
  return [ref, height];
}
