import { useEffect, useState } from 'preact/hooks';

/** A few routes, no router library: the History API plus a listener. */
export type Route =
  | { page: 'apps' }
  | { page: 'app'; app: string; tab: 'overview' | 'revisions' | 'operations' | 'deploy' }
  | { page: 'newApp' }
  | { page: 'operation'; id: string }
  | { page: 'hosts' }
  | { page: 'host'; name: string }
  | { page: 'notFound'; path: string };

export function parseRoute(path: string): Route {
  const parts = path.replace(/\/+$/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'apps')) return { page: 'apps' };
  if (parts[0] === 'apps' && parts.length >= 2) {
    const tab = parts[2] ?? 'overview';
    if (['overview', 'revisions', 'operations', 'deploy'].includes(tab) && parts.length <= 3) {
      return { page: 'app', app: parts[1], tab: tab as 'overview' };
    }
  }
  if (parts[0] === 'deploy' && parts.length === 1) return { page: 'newApp' };
  if (parts[0] === 'operations' && parts.length === 2) return { page: 'operation', id: parts[1] };
  if (parts[0] === 'hosts' && parts.length === 1) return { page: 'hosts' };
  if (parts[0] === 'hosts' && parts.length === 2) return { page: 'host', name: parts[1] };
  return { page: 'notFound', path };
}

const listeners = new Set<() => void>();

export function navigate(to: string, replace = false) {
  if (to === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.scrollTo(0, 0);
  listeners.forEach((l) => l());
}

export function useRoute(): Route {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return parseRoute(path);
}

/** Same-origin link clicks go through navigate() instead of reloading the page. */
export function onLinkClick(e: MouseEvent) {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element | null)?.closest?.('a');
  if (!a || a.target || a.hasAttribute('download')) return;
  const href = a.getAttribute('href');
  if (!href || !href.startsWith('/') || href.startsWith('/api/')) return;
  e.preventDefault();
  navigate(href);
}
