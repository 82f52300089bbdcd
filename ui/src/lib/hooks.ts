import { createContext } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { Me } from './types';

export const MeContext = createContext<Me | null>(null);
export const useMe = () => useContext(MeContext);

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data, optionally refreshing it every `refreshMs`. A refresh keeps showing the previous
 * data (no flashing spinner, no layout jump); only a new key starts from empty.
 */
export function useLoad<T>(
  key: string,
  fn: (signal: AbortSignal) => Promise<T>,
  refreshMs?: number,
): Loaded<T> {
  const [state, setState] = useState<{ key: string; data?: T; error?: Error; loading: boolean }>({
    key,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  useEffect(() => {
    const ctl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState((s) => (s.key === key ? s : { key, loading: true }));
    const run = async () => {
      try {
        const data = await fnRef.current(ctl.signal);
        if (!ctl.signal.aborted) setState({ key, data, loading: false });
      } catch (e) {
        if (ctl.signal.aborted) return;
        setState((s) => ({ key, data: s.key === key ? s.data : undefined, error: e as Error, loading: false }));
      }
      if (refreshMs && !ctl.signal.aborted) timer = setTimeout(run, refreshMs);
    };
    run();
    return () => {
      ctl.abort();
      clearTimeout(timer);
    };
  }, [key, tick, refreshMs]);
  const current = state.key === key ? state : { data: undefined, error: undefined, loading: true };
  return {
    data: current.data,
    error: current.error,
    loading: current.loading,
    reload: () => setTick((t) => t + 1),
  };
}
