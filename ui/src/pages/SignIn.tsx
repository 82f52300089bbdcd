import { useState } from 'preact/hooks';
import { ApiError } from '../lib/api';
import { setToken } from '../lib/session';
import type { Me } from '../lib/types';
import { whoAmI } from '../Shell';

export function SignIn({ onSignedIn, notice }: { onSignedIn: (me: Me) => void; notice?: string | null }) {
  const [token, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    setToken(token.trim());
    try {
      onSignedIn(await whoAmI());
    } catch (err) {
      setToken(null);
      setError(
        err instanceof ApiError && err.status === 401
          ? 'This token is not valid (unknown or revoked).'
          : `Could not reach Baton: ${(err as Error).message}`,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="signin">
      <form class="signin-card" onSubmit={submit}>
        <div class="brand brand-lg">
          <span class="brand-mark" aria-hidden="true" />
          Baton
        </div>
        <p class="muted">Rollouts for your Docker hosts. Sign in with an API token.</p>
        {notice && !error && <div class="notice">Signed out: {notice}</div>}
        <label class="field">
          <span class="label">API token</span>
          <input
            name="token"
            type="password"
            autoComplete="off"
            spellcheck={false}
            required
            value={token}
            onInput={(e) => setValue((e.target as HTMLInputElement).value)}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'token-error' : undefined}
          />
          {error && (
            <span class="field-error" id="token-error" role="alert">
              {error}
            </span>
          )}
        </label>
        <button class="btn btn-primary btn-block" type="submit" disabled={busy || !token.trim()}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p class="hint">
          The token stays in this tab only (session storage). Admins create tokens with{' '}
          <code>POST /api/v1/tokens</code>; the stack's admin token is <code>BATON_ADMIN_TOKEN</code> in its env file.
        </p>
      </form>
    </div>
  );
}
