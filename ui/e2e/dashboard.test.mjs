// Browser end-to-end test of the dashboard against a real Baton stack, in Debian's Chromium
// driven by playwright-core (no browser download). Run: `npm run e2e` with BATON_STACK_ENV set to
// the stack's env file (scripts/test does this). Screenshots go to ui/e2e-artifacts/.
// Nothing here skips: a missing endpoint is a failure.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const ARTIFACTS = join(here, '..', 'e2e-artifacts');
const DOCS_SHOT = join(here, '..', '..', 'docs', 'images', 'live-operation.png');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function readEnv() {
  const file = process.env.BATON_STACK_ENV;
  if (!file || !existsSync(file)) {
    throw new Error(`BATON_STACK_ENV must name the stack's env file (got ${file ?? 'nothing'}); run scripts/stack up first`);
  }
  const env = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2].trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  for (const key of ['BATON_URL', 'BATON_ADMIN_TOKEN', 'REGISTRY']) {
    if (!env[key]) throw new Error(`${file} has no ${key}`);
  }
  return env;
}

const env = readEnv();
const BASE = env.BATON_URL.replace(/\/$/, '');
const APP = `e2e-${Date.now().toString(36)}`;
const state = { ops: {} };
let browser;
let context;
let page;

async function apiCall(method, path, { token = env.BATON_ADMIN_TOKEN, body } = {}) {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, body: json };
}

/** Fails the case when the server lacks an endpoint it needs. */
async function requireEndpoint(t, method, path, needs, body) {
  const r = await apiCall(method, path, { body });
  if (r.status === 404 || r.status === 405 || r.status === 415 || r.status === 501) {
    assert.fail(`needs ${needs}: ${method} ${path} answered ${r.status}`);
  }
  return r;
}

async function shot(name, p = page) {
  await p.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

function compose(image, { replicas = 2, parallelism = 1, delay, retries = 3 } = {}) {
  const update = [`parallelism: ${parallelism}`, 'order: start-first', 'failure_action: rollback'];
  if (delay) update.push(`delay: ${delay}`);
  return `services:
  web:
    image: ${env.REGISTRY}/${image}
    init: true
    ports: ["8080"]
    healthcheck:
      test: ["CMD", "/bin/busybox", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"]
      interval: 1s
      retries: ${retries}
    deploy:
      replicas: ${replicas}
      update_config: {${update.join(', ')}}
`;
}

async function waitForOperationStatus(status, timeout = 180_000) {
  await page.locator(`h1 .badge[data-status="${status}"]`).waitFor({ timeout });
}

/** Deploys a Compose text from the app's Deploy tab (or the new-app page) and opens the operation. */
async function deployCompose(text, reason, { newApp = false } = {}) {
  if (newApp) {
    await page.goto(`${BASE}/deploy`);
    await page.fill('input[name="app"]', APP);
  } else {
    await page.goto(`${BASE}/apps/${APP}/deploy`);
    // An app that has a revision opens on "Change images"; switch to the Compose file.
    const composeTab = page.getByRole('tab', { name: 'Compose file' });
    await composeTab.waitFor();
    await composeTab.click();
  }
  await page.fill('textarea[name="compose"]', text);
  await page.fill('form[data-testid="deploy-form"] input[name="reason"]', reason);
  // The first click asks for the plan; the Deploy button comes with it.
  await page.click('[data-testid="deploy-submit"]');
  await page.locator('[data-testid="plan-slots"] tbody tr').first().waitFor();
  if (newApp) {
    await shot('02b-deploy-plan');
    assert.match(await page.locator('[data-testid="plan-changes"]').textContent(), /web\s*added/);
    assert.match(await page.locator('[data-testid="deploy-submit"]').textContent(), /Deploy r\d+/);
  }
  await page.click('[data-testid="deploy-submit"]');
  await page.waitForURL(/\/operations\/[^/]+$/, { timeout: 30_000 });
  return page.url().split('/').pop();
}

before(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install chromium (scripts/test does)`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
});

after(async () => {
  await browser?.close();
});

test('signs in with a token and learns the role', async () => {
  await page.goto(`${BASE}/`);
  await page.locator('input[name="token"]').waitFor();
  await shot('01-sign-in');
  await page.fill('input[name="token"]', 'not-a-token');
  await page.click('button[type="submit"]');
  await page.getByText('This token is not valid').waitFor();
  await page.fill('input[name="token"]', env.BATON_ADMIN_TOKEN);
  await page.click('button[type="submit"]');
  await page.locator('[data-testid="role"]').waitFor();
  assert.equal((await page.locator('[data-testid="role"]').textContent()).trim(), 'admin');
  await page.getByRole('heading', { name: 'Apps' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('baton.token')), env.BATON_ADMIN_TOKEN);
});

test('a refused Compose file shows the error at its line', async () => {
  await page.goto(`${BASE}/deploy`);
  await page.fill('input[name="app"]', APP);
  await page.fill(
    'textarea[name="compose"]',
    `services:\n  web:\n    image: ${env.REGISTRY}/baton-demo/web:v1\n    privileged: true\n`,
  );
  await page.click('[data-testid="deploy-submit"]');
  const line = page.locator('[data-testid="line-errors"] li[data-line="4"]');
  await line.waitFor();
  assert.match(await line.textContent(), /services\.web\.privileged/);
  await page.locator('.gutter-line.err', { hasText: '4' }).waitFor();
  await shot('02-deploy-validation-error');
  assert.match(page.url(), /\/deploy$/, 'nothing was deployed');
});

test('deploys v1 and watches it succeed live', async () => {
  const id = await deployCompose(compose('baton-demo/web:v1'), 'e2e: first deploy', { newApp: true });
  state.ops.v1 = id;
  await page.locator('[data-testid="progress"] .slot').first().waitFor({ timeout: 60_000 });
  await shot('03-operation-v1-live');
  await waitForOperationStatus('SUCCEEDED');
  await page.locator('[data-testid="banner"]', { hasText: 'succeeded' }).waitFor();
  assert.ok((await page.locator('[data-testid="timeline"] li').count()) > 0, 'the timeline has events');
  await shot('04-operation-v1-succeeded');
  // the apps list shows it with its revision and health
  await page.goto(`${BASE}/`);
  const row = page.locator(`tr[data-app="${APP}"]`);
  await row.waitFor();
  await row.getByText('2/').first().waitFor({ timeout: 30_000 });
  await shot('05-apps');
  await page.goto(`${BASE}/apps/${APP}`);
  await page.locator('.host-group').first().waitFor();
  await shot('06-app-overview');
});

test('deploys v2, pauses it, then resumes it to success', async () => {
  const id = await deployCompose(
    compose('baton-demo/web:v2', { replicas: 3, delay: '4s' }),
    'e2e: ship v2 with a pause',
  );
  state.ops.v2 = id;
  const pause = page.locator('[data-testid="pause"]');
  await page.locator('h1 .badge[data-status="RUNNING"]').waitFor({ timeout: 60_000 });
  await pause.waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="pause"]')?.disabled, null, { timeout: 30_000 });
  await page.locator('[data-testid="progress"] .slot').first().waitFor({ timeout: 60_000 });
  await pause.click();
  await waitForOperationStatus('PAUSED', 60_000);
  await page.locator('[data-testid="banner"]', { hasText: 'Paused' }).waitFor();
  await shot('07-operation-v2-paused');
  mkdirSync(dirname(DOCS_SHOT), { recursive: true });
  await page.screenshot({ path: DOCS_SHOT });
  await page.click('[data-testid="resume"]');
  await page.locator('h1 .badge[data-status="RUNNING"], h1 .badge[data-status="SUCCEEDED"]').first().waitFor({ timeout: 30_000 });
  // A livelier picture for the README: the resumed rollout with several slots on the move.
  const lively = await page
    .waitForFunction(() => document.querySelectorAll('[data-testid="progress"] .slot').length >= 2, null, { timeout: 20_000 })
    .then(() => true, () => false);
  if (lively && (await page.locator('h1 .badge[data-status="RUNNING"]').count())) {
    await page.screenshot({ path: DOCS_SHOT });
  }
  await waitForOperationStatus('SUCCEEDED');
  const events = await page.locator('[data-testid="timeline"]').textContent();
  assert.match(events.toLowerCase(), /pause/, 'the timeline shows the pause');
  await shot('08-operation-v2-succeeded');
});

test('a never-healthy image rolls back, with the reason in a banner', async () => {
  const id = await deployCompose(
    compose('baton-demo/never-healthy:v1', { replicas: 3, retries: 2 }),
    'e2e: this one never becomes healthy',
  );
  state.ops.bad = id;
  await page.locator('h1 .badge[data-status="ROLLED_BACK"]').waitFor({ timeout: 240_000 });
  const banner = page.locator('[data-testid="banner"]');
  await banner.waitFor();
  const text = await banner.textContent();
  assert.match(text, /rolled back/);
  assert.match(text, /Reason: \S+/);
  await shot('09-operation-rolled-back');
});

test('"Open in Temporal UI" opens that workflow run', async () => {
  assert.ok(state.ops.bad, 'needs the rolled-back operation');
  await page.goto(`${BASE}/operations/${state.ops.bad}`);
  const link = page.locator('[data-testid="temporal-link"]');
  await link.waitFor();
  const href = await link.getAttribute('href');
  const op = (await apiCall('GET', `/api/v1/operations/${state.ops.bad}`)).body;
  assert.ok(href.includes(encodeURIComponent(op.workflowId)) || href.includes(op.workflowId), href);
  if (op.runId) assert.ok(href.includes(op.runId), 'links the exact run');
  const [temporal] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await temporal.waitForLoadState('domcontentloaded');
  await temporal.getByText(op.workflowId).first().waitFor({ timeout: 60_000 });
  await shot('10-temporal-ui', temporal);
  await temporal.close();
});

test('revision history shows who/why and spec differences; rolls back to r1', async (t) => {
  await requireEndpoint(t, 'GET', `/api/v1/apps/${APP}/revisions`, 'GET /apps/{app}/revisions');
  await page.goto(`${BASE}/apps/${APP}/revisions`);
  await page.locator('[data-testid="revisions"] [data-revision="2"]').waitFor();
  await page.locator('[data-testid="spec-diff"]').first().waitFor();
  assert.match(await page.locator('[data-revision="2"]').textContent(), /ship v2/);
  await shot('11-revisions');
  await page.click('[data-testid="rollback-r1"]');
  await page.fill('.confirm input[name="reason"]', 'e2e: back to r1');
  await page.click('[data-testid="confirm-rollback"]');
  await page.waitForURL(/\/operations\//);
  await waitForOperationStatus('SUCCEEDED');
  await shot('12-rollback-succeeded');
});

// The rollback before kept the 3 replicas r2 runs (a rollback keeps the current counts): scale to 4.
test('scales the web service', async (t) => {
  await requireEndpoint(t, 'GET', `/api/v1/apps/${APP}/revisions`, 'GET /apps/{app}/revisions');
  await page.goto(`${BASE}/apps/${APP}`);
  await page.locator('[data-testid="scale-form"]').waitFor();
  await page.fill('input[name="replicas.web"]', '4');
  await page.fill('[data-testid="scale-form"] input[name="reason"]', 'e2e: scale to 4');
  await page.click('[data-testid="scale-form"] button[type="submit"]');
  await page.waitForURL(/\/operations\//);
  await waitForOperationStatus('SUCCEEDED');
  await page.goto(`${BASE}/apps/${APP}`);
  await page.locator('[data-testid="services"]').getByText('4/4 healthy').waitFor({ timeout: 60_000 });
  // The service's balancer on every ready host (other tests may leave hosts that are not), each
  // over the 4 instances in service.
  const { body: hosts } = await apiCall('GET', '/api/v1/hosts');
  const ready = hosts.filter((h) => h.status === 'READY');
  await page
    .locator('[data-testid="balancers"] tbody tr', { hasText: '4 instances' })
    .nth(ready.length - 1)
    .waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('.instance .chip', { hasText: 'in service' }).count(), 4);
  await shot('13-scaled');
});

test('hosts page', async () => {
  await page.goto(`${BASE}/hosts`);
  await page.locator('[data-testid="hosts"]').waitFor();
  // Every host shows the address it is reached by, as the API gives it.
  const { body: hosts } = await apiCall('GET', '/api/v1/hosts');
  assert.ok(hosts.length >= 2, `the stack's hosts are listed (${hosts.length})`);
  for (const host of hosts) {
    assert.match(host.address, /^[0-9a-f.:]+$/, `${host.name} has an IP address`);
    const shown = await page.locator(`[data-testid="host-address-${host.name}"]`).textContent();
    assert.equal(shown, host.address);
    // The e2e app's web service has a balancer on every ready host.
    if (host.status === 'READY') {
      const lbs = await page.locator(`[data-testid="host-balancers-${host.name}"]`).textContent();
      assert.match(lbs, /\d+ serving/, `${host.name}'s balancers: ${lbs}`);
    }
  }
  await shot('14-hosts');
});

test('phone width (375 px) stays readable', async () => {
  // Same tab: the token lives in this tab's sessionStorage.
  const phone = page;
  await phone.setViewportSize({ width: 375, height: 800 });
  try {
    await phone.goto(`${BASE}/`);
    await phone.locator(`tr[data-app="${APP}"]`).waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no horizontal scrolling (overflow ${overflow}px)`);
    await shot('15-phone-apps', phone);
    await phone.goto(`${BASE}/operations/${state.ops.v2 ?? state.ops.v1}`);
    await phone.locator('h1 .badge').waitFor();
    await phone.locator('[data-testid="timeline"] li').first().waitFor();
    const opOverflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(opOverflow <= 1, `no horizontal scrolling on the operation (overflow ${opOverflow}px)`);
    await shot('16-phone-operation', phone);
  } finally {
    await phone.setViewportSize({ width: 1280, height: 860 });
  }
});

test('a viewer token sees no write buttons', async (t) => {
  const r = await requireEndpoint(t, 'POST', '/api/v1/tokens', 'the API branch (POST /tokens)', {
    name: `${APP}-viewer`,
    role: 'viewer',
  });
  if (!r) return;
  assert.ok(r.status < 300, `token created: ${r.status} ${JSON.stringify(r.body)}`);
  const token = r.body.token ?? r.body.secret ?? r.body.value;
  assert.ok(token, 'the answer carries the token');
  const viewer = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const v = await viewer.newPage();
  await v.goto(`${BASE}/`);
  await v.fill('input[name="token"]', token);
  await v.click('button[type="submit"]');
  await v.locator('[data-testid="role"]', { hasText: 'viewer' }).waitFor();
  await v.locator(`tr[data-app="${APP}"]`).waitFor();
  assert.equal(await v.locator('[data-testid="new-app"]').count(), 0);
  await v.goto(`${BASE}/apps/${APP}`);
  await v.locator('.host-group').first().waitFor();
  assert.equal(await v.getByRole('link', { name: 'Deploy', exact: true }).count(), 0);
  assert.equal(await v.locator('[data-testid="scale-form"]').count(), 0);
  await v.goto(`${BASE}/apps/${APP}/revisions`);
  await v.locator('[data-testid="revisions"]').waitFor();
  assert.equal(await v.locator('[data-testid^="rollback-"]').count(), 0);
  await v.goto(`${BASE}/operations/${state.ops.v2 ?? state.ops.v1}`);
  await v.locator('h1 .badge').waitFor();
  for (const id of ['pause', 'resume', 'abort']) assert.equal(await v.locator(`[data-testid="${id}"]`).count(), 0);
  await v.goto(`${BASE}/hosts`);
  await v.locator('[data-testid="hosts"]').waitFor();
  assert.equal(await v.locator('[data-testid^="drain-"]').count(), 0);
  await shot('17-viewer', v);
  await viewer.close();
});
