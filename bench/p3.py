"""P3: scale with hollow hosts. 20 simulated engines (hollow.py) are registered with Baton, then
N apps of 5 replicas are deployed at once. Measured: operations per minute, workflow-task
schedule-to-start p95 (from the workflow histories: WorkflowTaskScheduled -> WorkflowTaskStarted;
activity tasks likewise), Baton's heap, RSS peak and CPU, and that no operation was lost (every
one SUCCEEDED with 5 running containers). With --steps, the concurrency is stepped to find the
knee where schedule-to-start p95 passes 1 s.
"""

import concurrent.futures
import datetime
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request

from common import (REPO, Baton, heap_used_mib, percentile, proc_status, summary, web_compose,
                    write_result)

REPLICAS = 5


def compose(image):
    return web_compose(image, REPLICAS, "node.labels.hollow==true",
                       "{parallelism: 2, order: start-first, monitor: 1s}")


class Hollow:
    def __init__(self, env, hosts, base_port, latency_ms, error_rate):
        self.dir = env["BATON_STACK_DIR"]
        self.hosts, self.base = hosts, base_port
        self.args = ["--hosts", str(hosts), "--base-port", str(base_port),
                     "--latency-ms", str(latency_ms), "--error-rate", str(error_rate)]
        self.proc = None

    def endpoints(self):
        return {f"hollow{i + 1:02d}": f"tcp://127.0.0.1:{self.base + i}" for i in range(self.hosts)}

    def start(self):
        log = open(os.path.join(self.dir, "hollow.log"), "a")
        self.proc = subprocess.Popen([sys.executable, os.path.join(REPO, "bench", "hollow.py"), *self.args],
                                     stdout=log, stderr=log, start_new_session=True)
        with open(os.path.join(self.dir, "hollow.pid"), "w") as f:
            f.write(str(self.proc.pid))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.base + self.hosts - 1}/hollow/stats",
                                       timeout=1)
                return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError("hollow hosts did not come up")

    def stats(self):
        apps = {}
        for i in range(self.hosts):
            with urllib.request.urlopen(f"http://127.0.0.1:{self.base + i}/hollow/stats", timeout=10) as r:
                for app, s in json.load(r)["apps"].items():
                    a = apps.setdefault(app, {"running": 0, "other": 0})
                    a["running"] += s["running"]
                    a["other"] += s["other"]
        return apps

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)

    def cpu_s(self):
        return proc_status(self.proc.pid)["cpu_s"]


def free_ports(n):
    """The first base port (from 43000, in steps of 100) with n free loopback ports after it."""
    import socket

    for base in range(43000, 49000, 100):
        try:
            socks = []
            for p in range(base, base + n):
                s = socket.socket()
                socks.append(s)
                s.bind(("127.0.0.1", p))
            return base
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    raise RuntimeError(f"no {n} free ports in 43000-49000")


def restart_baton(extra_hosts=""):
    env = dict(os.environ, BATON_EXTRA_HOSTS=extra_hosts, BATON_STARTUP_TIMEOUT="600")
    subprocess.run([os.path.join(REPO, "scripts", "stack"), "restart-baton"], cwd=REPO, env=env,
                   check=True, capture_output=True, timeout=700)


def psql(env, sql):
    subprocess.run(["/usr/lib/postgresql/15/bin/psql", env["DATABASE_URL"], "-qAtc", sql],
                   check=True, capture_output=True, timeout=30)


class Sampler(threading.Thread):
    """Baton's RSS, peak RSS and CPU every 0.5 s, heap every 5 s, until stopped."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.stop_flag = pid, threading.Event()
        self.rss, self.heap = [], []
        self.start_status = proc_status(pid)
        self.t0 = time.monotonic()

    def run(self):
        last_heap = 0
        while not self.stop_flag.wait(0.5):
            self.rss.append(proc_status(self.pid)["VmRSS"])
            if time.monotonic() - last_heap > 5:
                last_heap = time.monotonic()
                h = heap_used_mib(self.pid)
                if h is not None:
                    self.heap.append(h)

    def finish(self):
        self.stop_flag.set()
        self.join()
        end = proc_status(self.pid)
        wall = time.monotonic() - self.t0
        return {
            "rss_peak_mib": round(end["VmHWM"], 1),
            "rss_max_sampled_mib": round(max(self.rss, default=end["VmRSS"]), 1),
            "heap_used_max_mib": round(max(self.heap), 1) if self.heap else None,
            "cpu_s": round(end["cpu_s"] - self.start_status["cpu_s"], 1),
            "cpu_cores_avg": round((end["cpu_s"] - self.start_status["cpu_s"]) / wall, 2),
        }


def history_latencies(env, workflow_id):
    """(workflow-task, activity-task) schedule-to-start latencies in ms from one history."""
    out = subprocess.run(
        ["temporal", "workflow", "show", "--address", env["TEMPORAL_ADDRESS"], "-w", workflow_id,
         "-o", "json"], capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        return [], []
    events = json.loads(out.stdout)["events"]
    at = {int(e["eventId"]): datetime.datetime.fromisoformat(e["eventTime"].replace("Z", "+00:00"))
          for e in events}
    wft, act = [], []
    for e in events:
        if "workflowTaskStartedEventAttributes" in e:
            sched = int(e["workflowTaskStartedEventAttributes"]["scheduledEventId"])
            wft.append((at[int(e["eventId"])] - at[sched]).total_seconds() * 1000)
        elif "activityTaskStartedEventAttributes" in e:
            sched = int(e["activityTaskStartedEventAttributes"]["scheduledEventId"])
            act.append((at[int(e["eventId"])] - at[sched]).total_seconds() * 1000)
    return wft, act


def one_step(env, baton, hollow, prefix, apps, image):
    pid = int(open(env["BATON_PID_FILE"]).read().strip())
    sampler = Sampler(pid)
    sampler.start()
    hollow_cpu0 = hollow.cpu_s()
    names = [f"{prefix}-{i:03d}" for i in range(apps)]
    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        ops = dict(zip(names, pool.map(lambda a: baton.deploy(a, compose(image)), names)))
    posted = time.monotonic() - t0
    pending, done = set(names), {}
    deadline = time.monotonic() + 900
    while pending and time.monotonic() < deadline:
        for app in list(pending):
            body = baton.operation(ops[app]["id"])
            if body["status"] in ("SUCCEEDED", "FAILED", "ROLLED_BACK", "ABORTED"):
                done[app] = (body["status"], time.monotonic() - t0)
                pending.discard(app)
        time.sleep(0.5)
    elapsed = max((t for _, t in done.values()), default=time.monotonic() - t0)
    resources = sampler.finish()
    hollow_cpu = hollow.cpu_s() - hollow_cpu0
    stats = hollow.stats()
    statuses = {}
    for s, _ in done.values():
        statuses[s] = statuses.get(s, 0) + 1
    complete = sum(1 for a in names if done.get(a, ("",))[0] == "SUCCEEDED"
                   and stats.get(a, {}).get("running") == REPLICAS)
    wft, act = [], []
    ids = [w for a in names for w in (f"app:{a}", f"deploy:{a}:r1")]
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        for w, a in pool.map(lambda i: history_latencies(env, i), ids):
            wft += w
            act += a
    return {
        "apps": apps, "replicas": REPLICAS, "post_all_s": round(posted, 2),
        "elapsed_s": round(elapsed, 2),
        "operations_per_minute": round(len(done) / elapsed * 60, 1),
        "statuses": statuses, "lost": apps - len(done), "complete_with_5_running": complete,
        "op_duration_s": summary([t for _, t in done.values()]) if done else None,
        "workflow_task_schedule_to_start_ms": {
            "n": len(wft), "p50": round(percentile(wft, 50), 1), "p95": round(percentile(wft, 95), 1),
            "p99": round(percentile(wft, 99), 1), "max": round(max(wft, default=0), 1)},
        "activity_task_schedule_to_start_ms": {
            "n": len(act), "p50": round(percentile(act, 50), 1), "p95": round(percentile(act, 95), 1),
            "p99": round(percentile(act, 99), 1), "max": round(max(act, default=0), 1)},
        "baton": resources, "hollow_cpu_s": round(hollow_cpu, 1),
    }


def run(env, args):
    baton = Baton(env["BATON_URL"], env["BATON_ADMIN_TOKEN"])
    hollow = Hollow(env, args.hollow, free_ports(args.hollow), args.latency_ms, args.error_rate)
    image = f"{env['REGISTRY']}/baton-demo/web:v1"
    run_id = time.strftime("%H%M%S")
    hollow.start()
    steps = [int(s) for s in args.steps.split(",") if s] or [args.apps]
    results = []
    try:
        extra = ",".join(f"{n}={e}" for n, e in hollow.endpoints().items())
        restart_baton(extra)
        # Hollow hosts carry the label hollow=true; the apps are constrained to them.
        psql(env, "update hosts set status = 'READY', labels = '{\"hollow\":\"true\"}'::jsonb "
             "where name like 'hollow%'")
        for apps in steps:
            print(f"p3: {apps} concurrent rollouts x {REPLICAS} replicas on {args.hollow} hollow hosts",
                  flush=True)
            r = one_step(env, baton, hollow, f"h{run_id}s{apps}", apps, image)
            print(f"p3: {json.dumps(r)}", flush=True)
            results.append(r)
            if r["workflow_task_schedule_to_start_ms"]["p95"] > 1000:
                break
    finally:
        hollow.stop()
        # Leave the hollow hosts out of later placements, then restart Baton without them.
        psql(env, "update hosts set status = 'REMOVED' where name like 'hollow%'")
        restart_baton("")
    knee = next((r["apps"] for r in results
                 if r["workflow_task_schedule_to_start_ms"]["p95"] > 1000), None)
    result = {
        "setup": {"hollow_hosts": args.hollow, "latency_ms": args.latency_ms,
                  "error_rate": args.error_rate, "replicas": REPLICAS, "steps": steps},
        "steps": results,
        "knee_apps": knee,
    }
    write_result("p3", result)
    return result


def table(r):
    out = ["| concurrent rollouts | ops/min | succeeded / lost | WFT sched→start p50 / p95 / p99 | "
           "activity sched→start p95 | Baton RSS peak | heap max | Baton CPU (cores) |",
           "|---|---|---|---|---|---|---|---|"]
    for s in r["steps"]:
        w, a, b = s["workflow_task_schedule_to_start_ms"], s["activity_task_schedule_to_start_ms"], s["baton"]
        out.append(f"| {s['apps']} × {s['replicas']} | {s['operations_per_minute']:.0f} | "
                   f"{s['statuses'].get('SUCCEEDED', 0)} / {s['lost']} | "
                   f"{w['p50']:.0f} / {w['p95']:.0f} / {w['p99']:.0f} ms | {a['p95']:.0f} ms | "
                   f"{b['rss_peak_mib']:.0f} MiB | {b['heap_used_max_mib'] or 0:.0f} MiB | {b['cpu_cores_avg']:.2f} |")
    out.append(f"\nknee (WFT schedule-to-start p95 > 1 s): "
               f"{r['knee_apps'] if r['knee_apps'] else 'not reached within ' + str(r['setup']['steps'])}")
    return "\n".join(out)
