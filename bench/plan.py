"""PLAN: latency of `POST /apps/{app}/plan` for a 10-service Compose file, beside Swarm's
`docker stack config -c FILE`.

- (a) a new app: an app name never deployed; every slot is an add.
- (b) a deployed app with a new tag: the same file is deployed with TAG=v1 first, then planned
  with TAG=v2; every slot is a replace and the plan carries the image diff of each service.
- The peer: `docker stack config -c FILE` (Docker CLI with `stack config`, /usr/local/bin/docker)
  with TAG and REGISTRY in its environment: it reads, merges and interpolates the file and prints
  it. It answers less than a plan does (no diff, no placement, no validation against a fleet) and
  runs as a new process each time, which is how CI runs it.

Each is --plans requests (default 200), one at a time, Baton's on a new connection each, timed at
the client from the request sent to the answer read. The three are interleaved request by request
(round i runs each once, in an order that rotates) after the app of (b) is deployed, so a slow
moment of the shared machine hits them alike; the first 20 rounds are not counted (the JVM
compiles the parser's hot paths during the first ones; a restarted Baton pays that once). The
load average is read at the start, before the requests and at the end: the machine is shared, and
the figures depend on it.
"""

import json
import os
import subprocess
import tempfile
import time

from common import Baton, percentile, summary, write_result

NEW_APP = "bench-plan-new"
APP = "bench-plan"
SWARM_CLI = "/usr/local/bin/docker"  # has `stack config`; Debian's docker 20.10 lacks it

HEALTH = """healthcheck:
      test: ["CMD", "/bin/busybox", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"]
      interval: 1s
      timeout: 2s
      retries: 3"""


def compose():
    """Ten services as a Compose user writes them: ${TAG} in every image, anchors, environment,
    labels, restart, depends_on (a list: `docker stack config` takes no conditions), update
    policies. No ports: a deployed service with TCP ports gets a balancer on every host, which
    this bench does not need."""
    names = ["gateway", "web", "auth", "users", "orders", "payments", "search", "mailer",
             "reports", "worker"]
    out = ["x-web: &web",
           "  image: ${REGISTRY}/baton-demo/web:${TAG}", "  init: true", "  restart: unless-stopped",
           "  " + HEALTH.replace("\n      ", "\n    "), "services:"]
    for i, name in enumerate(names):
        out += [f"  {name}:", "    <<: *web",
                "    environment:",
                f"      SERVICE: {name}",
                "      LOG_LEVEL: ${LOG_LEVEL:-info}",
                f"      UPSTREAM: http://{names[(i + 1) % len(names)]}:8080",
                "    labels:", f"      team: team-{i % 3}"]
        if i > 0:
            dep = names[i - 1]
            out += [f"    depends_on: [{dep}]"]
        out += ["    deploy:", "      replicas: 1",
                "      update_config: {parallelism: 1, order: start-first, failure_action: rollback}"]
    return "\n".join(out) + "\n"


def body(yaml, registry, tag):
    return json.dumps({"compose": yaml, "variables": {"REGISTRY": registry, "TAG": tag}})


WARMUP = 20


class Plans:
    """One contender: POST /apps/{app}/plan with one body; remembers the first answer's shape."""

    def __init__(self, baton, app, payload):
        self.baton, self.app, self.payload, self.shape = baton, app, payload, None

    def __call__(self):
        status, answer = self.baton.request("POST", f"/api/v1/apps/{self.app}/plan", self.payload)
        if status != 200:
            raise RuntimeError(f"plan {self.app}: HTTP {status}: {answer}")
        if self.shape is None:
            self.shape = {
                "services": len(answer["services"]),
                "slots": sorted({s["action"] for p in answer["services"] for s in p["slots"]}),
                "changes": sorted({c["change"] for c in answer["changes"]}),
                "current_revision": answer["currentRevision"],
                "warnings": len(answer["warnings"])}


class StackConfig:
    """The peer: `docker stack config -c FILE`, a new process each time, TAG and REGISTRY set."""

    def __init__(self, path, registry, tag):
        self.path, self.tag = path, tag
        self.env = {**os.environ, "REGISTRY": registry, "TAG": tag}

    def __call__(self):
        r = subprocess.run([SWARM_CLI, "stack", "config", "-c", self.path], env=self.env,
                           capture_output=True, text=True)
        if r.returncode != 0 or f"baton-demo/web:{self.tag}" not in r.stdout:
            raise RuntimeError(f"docker stack config: {r.returncode}: {r.stderr}")


def interleaved(contenders, n):
    """Round i runs every contender once, in an order that rotates, so a slow second of the
    shared machine hits them alike; the first WARMUP rounds are not counted."""
    names = list(contenders)
    ms = {name: [] for name in names}
    for i in range(-WARMUP, n):
        k = i % len(names)
        for name in names[k:] + names[:k]:
            start = time.perf_counter()
            contenders[name]()
            if i >= 0:
                ms[name].append((time.perf_counter() - start) * 1000)
    return ms


def figures(ms):
    s = summary([round(x, 2) for x in ms])
    return {"p50_ms": round(percentile(ms, 50), 1), "p99_ms": round(percentile(ms, 99), 1),
            "min_ms": s["min"], "max_ms": s["max"], "n": s["n"]}


def baton_pid(env):
    try:
        return open(env["BATON_PID_FILE"]).read().strip()
    except (KeyError, OSError):
        return None


def run(env, n=200):
    baton = Baton(env["BATON_URL"], env["BATON_ADMIN_TOKEN"])
    registry = env["REGISTRY"]
    yaml = compose()
    load_start = [round(x, 2) for x in os.getloadavg()]
    status, _ = baton.request("GET", f"/api/v1/apps/{NEW_APP}")
    if status != 404:
        raise RuntimeError(f"{NEW_APP} exists (HTTP {status}): (a) needs an app never deployed")
    result = {"setup": {"services": 10, "requests": n, "warmup_requests": WARMUP,
                        "interleaved": True, "compose_bytes": len(yaml.encode()),
                        "swarm_cli": SWARM_CLI},
              "load_average_at_start": load_start}
    with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False) as f:
        f.write(yaml)
    try:
        status, op = baton.request("POST", f"/api/v1/apps/{APP}/deployments",
                                   body(yaml, registry, "v1"))
        if status != 202:
            raise RuntimeError(f"deploy {APP}: HTTP {status}: {op}")
        outcome, _ = baton.wait(op["id"], timeout=600, poll=0.5)
        if outcome != "SUCCEEDED":
            raise RuntimeError(f"deploy {APP}: {outcome}")
        result["load_average_before_requests"] = [round(x, 2) for x in os.getloadavg()]
        pid = baton_pid(env)
        contenders = {"new_app": Plans(baton, NEW_APP, body(yaml, registry, "v1")),
                      "new_tag": Plans(baton, APP, body(yaml, registry, "v2")),
                      "swarm_stack_config": StackConfig(f.name, registry, "v2")}
        ms = interleaved(contenders, n)
    finally:
        baton.request("DELETE", f"/api/v1/apps/{APP}")
        os.unlink(f.name)
    for name, times in ms.items():
        result[name] = figures(times)
        print(f"plan: {name} p50 {result[name]['p50_ms']} ms p99 {result[name]['p99_ms']} ms",
              flush=True)
    result["new_app_plan"] = contenders["new_app"].shape
    result["new_tag_plan"] = contenders["new_tag"].shape
    result["raw"] = {name: [round(x, 2) for x in times] for name, times in ms.items()}
    if baton_pid(env) != pid:
        # Another user of the machine restarted Baton during the requests: say so, keep figures.
        result["baton_restarted_during_requests"] = True
        print("plan: Baton was restarted during the requests", flush=True)
    result["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    write_result("plan", result)
    return result


def table(r):
    rows = ["| 10-service file | p50 | p99 | min–max | n |", "|---|---|---|---|---|"]
    for key, label in (("new_app", "Baton plan, new app"),
                       ("new_tag", "Baton plan, deployed app, new tag"),
                       ("swarm_stack_config", "`docker stack config -c` (Swarm)")):
        f = r[key]
        rows.append(f"| {label} | {f['p50_ms']} ms | {f['p99_ms']} ms | "
                    f"{f['min_ms']:.1f}–{f['max_ms']:.1f} ms | {f['n']} |")
    rows += ["", f"Load average (1, 5, 15 min) at start {r['load_average_at_start']}, before the "
                 f"requests {r.get('load_average_before_requests')}, at end "
                 f"{r['load_average_at_end']}"]
    return "\n".join(rows)
