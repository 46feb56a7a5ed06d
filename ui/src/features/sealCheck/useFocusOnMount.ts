import { useEffect, useRef } from "react";

/**
 * A ref whose element takes the focus when it appears: the answer of a check
 * is where keyboard and screen-reader users land, not the button they left.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
