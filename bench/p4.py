"""P4: recovery after `kill -9` of Baton mid-rollout.

Each trial starts a 12-replica rollout (batches of 3, start-first), waits until the first new
container exists plus a delay that varies by trial (so the kill lands in different steps), kills
Baton with SIGKILL and restarts it (`scripts/stack restart-baton`). Measured from the restart
command:
  - Baton healthy again;
  - the next Docker call Baton makes on the engine: the first API request in the engine's debug
    log (debug logging is switched on for the benchmark by a config reload), and the first
    container event Baton causes (create/start/kill/destroy; the engine's own health-check
    events do not count);
and afterwards that the rollout ended SUCCEEDED with exactly 12 containers, all of the target
revision (no duplicate, none lost).
"""

import datetime
import json
import os
import re
import signal
import subprocess
import threading
import time

from common import REPO, Baton, summary, web_compose, write_result
from docker_api import Docker

APP = "p4"
REPLICAS = 12


def compose(image):
    return web_compose(image, REPLICAS, "node.hostname==host1",
                       "{parallelism: 3, order: start-first, monitor: 1s}")


class EngineDebugLog:
    """Switches the engine's debug log on (a reloadable setting) to see every API call."""

    def __init__(self, host_dir):
        self.config = os.path.join(host_dir, "daemon.json")
        self.log = os.path.join(host_dir, "dockerd.log")
        with open(os.path.join(host_dir, "docker.pid")) as f:
            self.pid = int(f.read().strip())

    def set(self, on):
        with open(self.config, "w") as f:
            json.dump({"debug": on}, f)
        os.kill(self.pid, signal.SIGHUP)
        time.sleep(0.5)

    def offset(self):
        return os.path.getsize(self.log)

    def first_call_after(self, offset, t):
        """Time of the first 'Calling <METHOD> /v1.41/...' line logged after epoch time t."""
        pat = re.compile(r'time="([^"]+)" level=debug msg="Calling (\w+) (\S+)"')
        with open(self.log, errors="replace") as f:
            f.seek(offset)
            for line in f:
                m = pat.search(line)
                if not m or "/_ping" in m.group(3):
                    continue
                at = parse_time(m.group(1))
                if at > t:
                    return at, f"{m.group(2)} {m.group(3)}"
        return None, None


def parse_time(text):
    """dockerd's RFC 3339 time with up to nanoseconds -> epoch seconds."""
    text = text.replace("Z", "+00:00")
    m = re.match(r"([^.+]+)(?:\.(\d+))?(.*)", text)
    frac = ((m.group(2) or "") + "000000")[:6]
    dt = datetime.datetime.fromisoformat(f"{m.group(1)}.{frac}{m.group(3) or '+00:00'}")
    return dt.timestamp()


def restart_baton():
    env = dict(os.environ, BATON_STARTUP_TIMEOUT="600")
    subprocess.run([os.path.join(REPO, "scripts", "stack"), "restart-baton"], cwd=REPO, env=env,
                   check=True, capture_output=True, timeout=700)


class EventWatcher(threading.Thread):
    """Container events Baton causes, from a live stream (Docker keeps only 256 past events)."""

    def __init__(self, docker):
        super().__init__(daemon=True)
        self.docker, self.times = docker, []

    def run(self):
        for ev in self.docker.events({"type": ["container"], "label": [f"baton.app={APP}"],
                                      "event": ["create", "start", "kill", "destroy"]}):
            self.times.append(ev["timeNano"] / 1e9)


def run(env, trials):
    endpoint = env["DOCKER_HOSTS"].split(",")[0]
    docker = Docker(endpoint)
    baton = Baton(env["BATON_URL"], env["BATON_ADMIN_TOKEN"])
    image = lambda tag: f"{env['REGISTRY']}/baton-demo/web:{tag}"  # noqa: E731
    debug = EngineDebugLog(os.path.dirname(endpoint.removeprefix("unix://")))
    op = baton.deploy(APP, compose(image("v1")))
    baton.wait(op["id"], timeout=180)
    rows = []
    watcher = EventWatcher(docker)
    watcher.start()
    debug.set(True)
    try:
        for i in range(trials):
            tag = "v2" if i % 2 == 0 else "v1"
            op = baton.deploy(APP, compose(image(tag)))
            rev = str(op["revision"])
            deadline = time.monotonic() + 60
            while not docker.list([f"baton.app={APP}", f"baton.revision={rev}"]):
                if time.monotonic() > deadline:
                    raise TimeoutError("p4: no new container within 60 s")
                time.sleep(0.05)
            time.sleep(round((i % 4) * 0.7, 1))
            with open(env["BATON_PID_FILE"]) as f:
                pid = int(f.read().strip())
            offset = debug.offset()
            os.kill(pid, signal.SIGKILL)
            killed = time.time()
            restart_baton()
            up = time.time()
            status, _ = baton.wait(op["id"], timeout=240)
            # Nothing else calls this engine between the kill and the restart.
            call_at, call = debug.first_call_after(offset, killed)
            call_after_up, _ = debug.first_call_after(offset, up)
            ev_at = next((t for t in watcher.times if t > up), None)
            containers = docker.list([f"baton.app={APP}"])
            revs = sorted({c["Labels"]["baton.revision"] for c in containers})
            running = sum(c["State"] == "running" for c in containers)
            ok = status == "SUCCEEDED" and len(containers) == REPLICAS and revs == [rev] \
                and running == REPLICAS
            row = {
                "trial": i + 1, "status": status, "kill_delay_s": round((i % 4) * 0.7, 1),
                "restart_to_healthy_s": round(up - killed, 3),
                "healthy_to_first_call_s": round(call_after_up - up, 3) if call_after_up else None,
                "restart_to_first_call_s": round(call_at - killed, 3) if call_at else None,
                "first_call": call,
                "healthy_to_next_container_event_s": round(ev_at - up, 3) if ev_at else None,
                "containers": len(containers), "revisions": revs, "consistent": ok,
            }
            rows.append(row)
            print(f"p4: trial {i + 1}/{trials}: {row}", flush=True)
            save(rows, trials)
    finally:
        debug.set(False)

    return save(rows, trials)


def save(rows, trials):
    """Written after every trial, so an interrupted run keeps what it measured."""

    def col(k):
        return [r[k] for r in rows if r[k] is not None] or [float("nan")]

    result = {
        "setup": {"trials": trials, "done": len(rows), "replicas": REPLICAS, "parallelism": 3},
        "restart_to_healthy_s": summary(col("restart_to_healthy_s")),
        "restart_to_first_call_s": summary(col("restart_to_first_call_s")),
        "healthy_to_first_call_s": summary(col("healthy_to_first_call_s")),
        "healthy_to_next_container_event_s": summary(col("healthy_to_next_container_event_s")),
        "all_consistent": all(r["consistent"] for r in rows),
        "trials": rows,
    }
    write_result("p4", result)
    return result


def table(r):
    out = ["| measure (s) | median | min–max | n |", "|---|---|---|---|"]
    for k in ("restart_to_healthy_s", "restart_to_first_call_s", "healthy_to_first_call_s",
              "healthy_to_next_container_event_s"):
        s = r[k]
        out.append(f"| {k.removesuffix('_s').replace('_', ' ')} | {s['median']:.2f} |"
                   f" {s['min']:.2f}–{s['max']:.2f} | {s['n']} |")
    out.append(f"| no container lost or duplicated, every rollout SUCCEEDED | "
               f"{'yes' if r['all_consistent'] else 'NO'} | | |")
    return "\n".join(out)
