import { useEffect, useState } from 'react';

/** The value, settled for `ms` (0: immediately). `equal` avoids re-arming on equal copies. */
export function useDebounced<T>(value: T, ms: number, equal: (a: T, b: T) => boolean = Object.is): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (equal(settled, value)) return undefined;
    if (ms <= 0) {
      setSettled(value);
      return undefined;
    }
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms, settled, equal]);
  return ms <= 0 ? value : settled;
}
