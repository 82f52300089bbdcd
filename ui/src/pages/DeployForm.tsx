import { useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../lib/api';
import { navigate } from '../lib/router';
import { describe, mapErrors } from '../lib/problems';
import type { FieldError, Operation, Plan } from '../lib/types';
import { Card } from '../components/ui';
import { PlanView } from '../components/PlanView';

const EXAMPLE = `services:
  web:
    image: 127.0.0.1:5000/baton-demo/web:v1
    init: true
    ports: ["8080"]
    healthcheck:
      test: ["CMD", "/bin/busybox", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"]
      interval: 1s
      retries: 3
    deploy:
      replicas: 2
      update_config: {parallelism: 1, order: start-first, failure_action: rollback}
`;

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function NewAppPage() {
  const [name, setName] = useState('');
  const valid = DNS_LABEL.test(name);
  return (
    <div class="page">
      <div class="page-head">
        <div>
          <div class="crumbs">
            <a href="/">Apps</a> /
          </div>
          <h1>Deploy a new app</h1>
        </div>
      </div>
      <Card>
        <label class="field">
          <span class="label">App name</span>
          <input
            name="app"
            value={name}
            placeholder="shop"
            autoComplete="off"
            spellcheck={false}
            onInput={(e) => setName((e.target as HTMLInputElement).value.trim())}
            aria-invalid={name && !valid ? 'true' : undefined}
          />
          <span class={name && !valid ? 'field-error' : 'hint'}>
            Lowercase letters, digits and '-', up to 63 characters: it becomes part of container names.
          </span>
        </label>
      </Card>
      <DeployForm app={valid ? name : ''} services={[]} />
    </div>
  );
}

type Mode = 'compose' | 'images';

export function DeployForm({ app, services }: { app: string; services: Array<{ name: string; image: string | null }> }) {
  const withImages = services.filter((s) => s.image);
  const [mode, setMode] = useState<Mode>(withImages.length > 0 ? 'images' : 'compose');
  const [yaml, setYaml] = useState(services.length === 0 ? EXAMPLE : '');
  const [images, setImages] = useState<Record<string, string>>(() =>
    Object.fromEntries(withImages.map((s) => [s.name, s.image!])),
  );
  const [reason, setReason] = useState('');
  const [dotenv, setDotenv] = useState('');
  const [profiles, setProfiles] = useState('');
  const [plan, setPlan] = useState<Plan | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);

  const lineCount = yaml.split('\n').length;
  const fields = withImages.map((s) => `images.${s.name}`);
  const mapped = useMemo(() => mapErrors(errors, mode === 'images' ? fields : [], mode === 'compose' ? lineCount : 0), [errors, mode, yaml]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!app) {
      setFailure('Give the app a valid name first.');
      return;
    }
    setBusy(true);
    setErrors([]);
    setFailure(null);
    const path = `/api/v1/apps/${encodeURIComponent(app)}/deployments`;
    const key = crypto.randomUUID?.() ?? String(Date.now());
    const composeBody = {
      compose: yaml,
      envFile: dotenv || undefined,
      profiles: profiles.split(/[\s,]+/).filter(Boolean),
      reason: reason || undefined,
    };
    try {
      let op: Operation;
      if (mode === 'compose' && !plan) {
        // The plan comes first: what would change and where, before the Deploy button.
        setPlan(await api<Plan>(`/api/v1/apps/${encodeURIComponent(app)}/plan`, { method: 'POST', body: composeBody }));
        return;
      }
      if (mode === 'compose') {
        op = await api<Operation>(path, { method: 'POST', body: composeBody, headers: { 'Idempotency-Key': key } });
      } else {
        const changed = Object.fromEntries(
          Object.entries(images).filter(([svc, img]) => img !== withImages.find((s) => s.name === svc)?.image),
        );
        if (Object.keys(changed).length === 0) {
          setFailure('Change at least one image.');
          setBusy(false);
          return;
        }
        op = await api<Operation>(path, {
          method: 'POST',
          body: { images: changed, reason: reason || undefined },
          headers: { 'Idempotency-Key': key },
        });
      }
      navigate(`/operations/${op.id}`);
    } catch (err) {
      if (err instanceof ApiError) {
        setFailure(err.message);
        setErrors(err.errors);
      } else {
        setFailure((err as Error).message);
      }
    } finally {
      setBusy(false);
    }
  };

  const upload = async (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) {
      setYaml(await file.text());
      setPlan(null);
      setErrors([]);
      setFailure(null);
    }
  };

  const goToLine = (line: number) => {
    const ta = textarea.current;
    if (!ta) return;
    const lines = yaml.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    ta.focus();
    ta.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    ta.scrollTop = Math.max(0, (line - 3) * 20);
  };

  const lines = yaml.split('\n');
  return (
    <Card title={`Deploy${app ? ` ${app}` : ''}`} class="deploy">
      <form onSubmit={submit} data-testid="deploy-form">
        {withImages.length > 0 && (
          <div class="segmented" role="tablist" aria-label="What to deploy">
            <button type="button" role="tab" aria-selected={mode === 'images'} class={mode === 'images' ? 'on' : ''} onClick={() => setMode('images')}>
              Change images
            </button>
            <button type="button" role="tab" aria-selected={mode === 'compose'} class={mode === 'compose' ? 'on' : ''} onClick={() => setMode('compose')}>
              Compose file
            </button>
          </div>
        )}
        {failure && (
          <div class="banner tone-bad" role="alert" data-testid="deploy-error">
            <span class="banner-icon" aria-hidden="true">
              ✕
            </span>
            <div class="banner-body">
              <strong class="banner-title">The deploy was refused</strong>
              <div class="banner-detail">{failure}</div>
              {mapped.general.length > 0 && (
                <ul class="error-list">
                  {mapped.general.map((g, i) => (
                    <li key={i}>{describe(g)}</li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        )}
        {mode === 'images' && (
          <div class="image-fields">
            {withImages.map((s) => {
              const errs = mapped.byPath.get(`images.${s.name}`);
              return (
                <label class="field" key={s.name}>
                  <span class="label">{s.name} image</span>
                  <input
                    class="mono"
                    name={`images.${s.name}`}
                    value={images[s.name] ?? ''}
                    spellcheck={false}
                    aria-invalid={errs ? 'true' : undefined}
                    onInput={(e) => setImages({ ...images, [s.name]: (e.target as HTMLInputElement).value })}
                  />
                  {errs?.map((er, i) => (
                    <span class="field-error" key={i}>
                      {er.message}
                    </span>
                  ))}
                </label>
              );
            })}
          </div>
        )}
        {mode === 'compose' && (
          <div class="field">
            <div class="editor-bar">
              <span class="label">Compose file</span>
              <label class="btn btn-sm btn-ghost upload">
                Upload a file…
                <input type="file" accept=".yml,.yaml,text/yaml,application/yaml" onChange={upload} data-testid="compose-upload" />
              </label>
            </div>
            <div class={`editor ${mapped.byLine.size ? 'has-errors' : ''}`}>
              <div class="gutter" ref={gutter} aria-hidden="true">
                {lines.map((_, i) => {
                  const errs = mapped.byLine.get(i + 1);
                  return (
                    <div key={i} class={errs ? 'gutter-line err' : 'gutter-line'} title={errs?.map((x) => x.message).join('\n')}>
                      {errs ? '⚠ ' : ''}
                      {i + 1}
                    </div>
                  );
                })}
              </div>
              <textarea
                ref={textarea}
                name="compose"
                class="code"
                wrap="off"
                spellcheck={false}
                rows={Math.min(24, Math.max(10, lines.length + 1))}
                value={yaml}
                placeholder={'Paste the whole Compose file, e.g.\nservices:\n  web:\n    image: registry/web:v2'}
                onInput={(e) => {
                  setYaml((e.target as HTMLTextAreaElement).value);
                  setPlan(null);
                }}
                onScroll={(e) => {
                  if (gutter.current) gutter.current.scrollTop = (e.target as HTMLTextAreaElement).scrollTop;
                }}
              />
            </div>
            {mapped.byLine.size > 0 && (
              <ol class="line-errors" data-testid="line-errors">
                {[...mapped.byLine.entries()]
                  .sort(([a], [b]) => a - b)
                  .map(([line, errs]) => (
                    <li key={line} data-line={line}>
                      <button type="button" class="line-ref" onClick={() => goToLine(line)}>
                        line {line}
                      </button>
                      <code class="line-text">{lines[line - 1]}</code>
                      {errs.map((er, i) => (
                        <div class="field-error" key={i}>
                          {er.path && !er.message.startsWith(er.path) && <span class="mono">{er.path} </span>}
                          {er.message}
                        </div>
                      ))}
                    </li>
                  ))}
              </ol>
            )}
          </div>
        )}
        {mode === 'compose' && (
          <div class="field-row">
            <label class="field field-grow">
              <span class="label">Variables (.env)</span>
              <textarea
                name="dotenv"
                class="code"
                rows={3}
                spellcheck={false}
                value={dotenv}
                placeholder={'TAG=v2\n# as the .env beside the file: ${TAG} in the file takes it'}
                onInput={(e) => {
                  setDotenv((e.target as HTMLTextAreaElement).value);
                  setPlan(null);
                }}
              />
            </label>
            <label class="field">
              <span class="label">Profiles</span>
              <input
                name="profiles"
                value={profiles}
                placeholder="debug, tools"
                onInput={(e) => {
                  setProfiles((e.target as HTMLInputElement).value);
                  setPlan(null);
                }}
              />
            </label>
          </div>
        )}
        {mode === 'compose' && plan && <PlanView plan={plan} />}
        <label class="field">
          <span class="label">Reason</span>
          <input name="reason" value={reason} placeholder="what and why, e.g. “ship v2: faster checkout”" onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
        </label>
        <div class="form-actions">
          <button class="btn btn-primary" type="submit" disabled={busy || !app} data-testid="deploy-submit">
            {mode === 'compose' && !plan ? (busy ? 'Planning…' : 'Plan') : busy ? 'Deploying…' : plan ? `Deploy r${plan.revision}` : 'Deploy'}
          </button>
          <span class="hint">
            {mode === 'compose' && !plan
              ? 'See what would change and where before deploying.'
              : 'A deploy while another operation runs is queued, never interleaved.'}
          </span>
        </div>
      </form>
    </Card>
  );
}
