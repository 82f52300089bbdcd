import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, setUnauthorizedHandler } from './lib/api';
import { MeContext } from './lib/hooks';
import { navigate, onLinkClick, useRoute } from './lib/router';
import { getToken, normalizeRole, setToken } from './lib/session';
import type { Me } from './lib/types';
import { AppsPage } from './pages/AppsPage';
import { AppPage } from './pages/AppPage';
import { HostsPage, HostPage } from './pages/HostsPage';
import { NewAppPage } from './pages/DeployForm';
import { OperationPage } from './pages/OperationPage';
import { SignIn } from './pages/SignIn';
import { Empty } from './components/ui';

/** Who the token belongs to (GET /me). */
export async function whoAmI(): Promise<Me> {
  const me = await api<{ name: string; role: string }>('/api/v1/me');
  return { name: me.name, role: normalizeRole(me.role) };
}

export function Shell() {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(!!getToken());
  const [expired, setExpired] = useState<string | null>(null);
  const route = useRoute();

  useEffect(() => {
    setUnauthorizedHandler((e: ApiError) => {
      setToken(null);
      setMe(null);
      setExpired(e.message);
    });
    if (getToken()) {
      whoAmI()
        .then(setMe)
        .catch(() => setToken(null))
        .finally(() => setChecking(false));
    }
    return () => setUnauthorizedHandler(undefined);
  }, []);

  if (checking) return <div class="boot" aria-busy="true" />;
  if (!me) {
    return (
      <SignIn
        notice={expired}
        onSignedIn={(who) => {
          setExpired(null);
          setMe(who);
        }}
      />
    );
  }

  const signOut = () => {
    setToken(null);
    setMe(null);
    navigate('/', true);
  };
  const section = route.page === 'hosts' || route.page === 'host' ? 'hosts' : 'apps';

  return (
    <MeContext.Provider value={me}>
      <div class="shell" onClick={onLinkClick as any}>
        <header class="topbar">
          <a class="brand" href="/">
            <span class="brand-mark" aria-hidden="true" />
            Baton
          </a>
          <nav class="nav" aria-label="Main">
            <a href="/" class={section === 'apps' ? 'active' : ''} aria-current={section === 'apps' ? 'page' : undefined}>
              Apps
            </a>
            <a href="/hosts" class={section === 'hosts' ? 'active' : ''} aria-current={section === 'hosts' ? 'page' : undefined}>
              Hosts
            </a>
          </nav>
          <div class="who">
            <span class="who-name" title="Signed in as">
              {me.name}
            </span>
            <span class={`role role-${me.role}`} data-testid="role">
              {me.role}
            </span>
            <button class="btn btn-ghost btn-sm" onClick={signOut}>
              Sign out
            </button>
          </div>
        </header>
        <main class="main">
          {route.page === 'apps' && <AppsPage />}
          {route.page === 'newApp' && <NewAppPage />}
          {route.page === 'app' && <AppPage app={route.app} tab={route.tab} />}
          {route.page === 'operation' && <OperationPage id={route.id} />}
          {route.page === 'hosts' && <HostsPage />}
          {route.page === 'host' && <HostPage name={route.name} />}
          {route.page === 'notFound' && (
            <Empty title="Nothing here">
              <a href="/">Back to the apps</a>
            </Empty>
          )}
        </main>
      </div>
    </MeContext.Provider>
  );
}
