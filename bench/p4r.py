"""P4R: with two Baton replicas, `kill -9` of the one running a rollout -> the other takes over.

Needs a stack with two replicas (`BATON_REPLICAS=2 scripts/stack up`). Each trial starts a
12-replica rollout (batches of 3, start-first, 3 s health-check timeout: the restarts load the
machine, and a 1 s check then fails on its own), waits until one of its activities is running and
a varying delay more, asks Temporal which worker runs it (`lastWorkerIdentity`, "pid@host"),
kills that replica with SIGKILL and measures the time until the surviving replica's worker is
seen doing the rollout's work: an activity it started after the kill (pending, as Temporal
describes it) or an event it made after the kill in the workflow's history. Then it restarts the
killed replica, and checks that the rollout ended SUCCEEDED with exactly 12 running containers of
the target revision. Looks are made every ~0.1 s with the Temporal CLI, so a figure may be late
by one look.
"""

import datetime
import json
import os
import signal
import subprocess
import time

from common import REPO, Baton, summary, web_compose, write_result
from docker_api import Docker

APP = "p4r"
REPLICAS = 12


def temporal(env, *args):
    out = subprocess.run(["temporal", *args, "--address", env["TEMPORAL_ADDRESS"],
                          "--namespace", "default", "-o", "json"],
                         capture_output=True, text=True, timeout=30)
    return json.loads(out.stdout) if out.returncode == 0 and out.stdout.strip() else {}


def started_activity(env, workflow_id, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for a in temporal(env, "workflow", "describe", "--workflow-id", workflow_id) \
                .get("pendingActivities", []):
            if a.get("state", "").endswith("STARTED") and "@" in a.get("lastWorkerIdentity", ""):
                return a
        time.sleep(0.1)
    raise TimeoutError(f"p4r: no started activity of {workflow_id} in {timeout} s")


def events(env, workflow_id):
    return temporal(env, "workflow", "show", "--workflow-id", workflow_id).get("events", [])


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def seen_working(env, workflow_id, pid, after_event, killed, timeout=60):
    """Epoch time the survivor (pid) was first seen working on the workflow after the kill."""
    who = f"{pid}@"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for a in temporal(env, "workflow", "describe", "--workflow-id", workflow_id) \
                .get("pendingActivities", []):
            started = a.get("lastStartedTime")
            if a.get("lastWorkerIdentity", "").startswith(who) and started \
                    and parse_time(started) > killed:
                return time.time(), a["activityType"]["name"]
        for e in events(env, workflow_id):
            if int(e["eventId"]) > after_event and who in json.dumps(e):
                return time.time(), e["eventType"]
    raise TimeoutError(f"p4r: replica {pid} did not take over {workflow_id} in {timeout} s")


def replica_pids(env):
    d = env["BATON_STACK_DIR"]
    return {r: int(open(os.path.join(d, f)).read().strip())
            for r, f in ((1, "baton.pid"), (2, "baton-2.pid"))}


def bring_back():
    env = dict(os.environ, BATON_REPLICAS="2", BATON_STACK_NO_DEMO="1", BATON_STARTUP_TIMEOUT="600")
    subprocess.run([os.path.join(REPO, "scripts", "stack"), "up"], cwd=REPO, env=env, check=True,
                   capture_output=True, timeout=700)


def run(env, trials):
    if "," not in env.get("BATON_URLS", ""):
        raise SystemExit("p4r needs two replicas: BATON_REPLICAS=2 scripts/stack up")
    docker = Docker(env["DOCKER_HOSTS"].split(",")[0])
    urls = env["BATON_URLS"].split(",")
    image = lambda tag: f"{env['REGISTRY']}/baton-demo/web:{tag}"  # noqa: E731
    compose = lambda tag: web_compose(image(tag), REPLICAS, "node.hostname==host1",  # noqa: E731
                                      "{parallelism: 3, order: start-first, monitor: 1s}",
                                      health_timeout_s=3)
    baton = Baton(urls[0], env["BATON_ADMIN_TOKEN"])
    baton.wait(baton.deploy(APP, compose("v1"))["id"], timeout=180)
    rows = []
    for i in range(trials):
        pids = replica_pids(env)
        tag = "v2" if i % 2 == 0 else "v1"
        op = baton.deploy(APP, compose(tag))
        workflow_id = op["workflowId"]
        time.sleep(round((i % 4) * 0.7, 1))
        running = started_activity(env, workflow_id)
        victim_pid = int(running["lastWorkerIdentity"].split("@")[0])
        victim = next(r for r, p in pids.items() if p == victim_pid)
        survivor = 3 - victim
        after = max((int(e["eventId"]) for e in events(env, workflow_id)), default=0)
        os.kill(victim_pid, signal.SIGKILL)
        killed = time.time()
        seen_at, what = seen_working(env, workflow_id, pids[survivor], after, killed)
        # Follow the operation on the survivor while the victim comes back.
        status, _ = Baton(urls[survivor - 1], env["BATON_ADMIN_TOKEN"]).wait(op["id"], timeout=300)
        bring_back()
        containers = docker.list([f"baton.app={APP}", "baton.service=web"])
        revs = sorted({c["Labels"]["baton.revision"] for c in containers})
        running_n = sum(c["State"] == "running" for c in containers)
        ok = status == "SUCCEEDED" and len(containers) == REPLICAS and revs == [str(op["revision"])] \
            and running_n == REPLICAS
        row = {"trial": i + 1, "killed_replica": victim, "its_activity":
               running["activityType"]["name"], "takeover_s": round(seen_at - killed, 3),
               "first_seen": what, "status": status, "containers": len(containers),
               "consistent": ok, "load_avg_1m": round(os.getloadavg()[0], 1)}
        rows.append(row)
        print(f"p4r: trial {i + 1}/{trials}: {row}", flush=True)
        save(rows, trials)
    return save(rows, trials)


def save(rows, trials):
    result = {
        "setup": {"trials": trials, "done": len(rows), "replicas": REPLICAS, "baton_replicas": 2},
        "takeover_s": summary([r["takeover_s"] for r in rows] or [float("nan")]),
        "all_consistent": all(r["consistent"] for r in rows),
        "load_avg_1m": [r["load_avg_1m"] for r in rows],
        "trials": rows,
    }
    write_result("p4r", result)
    return result


def table(r):
    s = r["takeover_s"]
    loads = r["load_avg_1m"] or [float("nan")]
    return "\n".join([
        "| measure (s) | median | p99 | min–max | n | load (1 min) |", "|---|---|---|---|---|---|",
        f"| kill -9 -> survivor works on the rollout | {s['median']:.2f} |"
        f" {s.get('p99', float('nan')):.2f} |"
        f" {s['min']:.2f}–{s['max']:.2f} | {s['n']} | {min(loads):.1f}–{max(loads):.1f} |",
        f"| every rollout SUCCEEDED, 12 containers of its revision | "
        f"{'yes' if r['all_consistent'] else 'NO'} | | | | |"])
