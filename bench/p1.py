"""P1: rolling update of 12 replicas, batches of 3, start-first, 1 s Docker health check, image
already present, all on one engine: Baton vs Docker Swarm vs a direct-Docker script.

Each run moves all three contenders to the same image (v2 on even runs, v1 on odd ones); the
contenders take turns within a run, and the turn order rotates, so drift on the machine hits
them alike.
"""

import concurrent.futures
import os
import statistics
import subprocess
import threading
import time

from common import DOCKER_CLI, HEALTH_TEST, Baton, summary, web_compose, write_result
from docker_api import Docker

REPLICAS, PARALLELISM = 12, 3
SECOND_NS = 1_000_000_000
HEALTH_TIMEOUT_S = 1  # --health-timeout; 1 s unless the machine is too loaded for it
APP = "p1"
SWARM_SERVICE = "p1-swarm"
DIRECT_LABEL = "bench.p1"


def compose(image, monitor_s):
    return web_compose(image, REPLICAS, "node.hostname==host1",
                       f"{{parallelism: {PARALLELISM}, order: start-first, delay: 0s, "
                       f"monitor: {monitor_s}s, failure_action: rollback}}",
                       health_timeout_s=HEALTH_TIMEOUT_S)


class BatonContender:
    name = "baton"

    def __init__(self, baton, image_of, monitor_s):
        self.baton, self.image_of, self.monitor_s = baton, image_of, monitor_s

    def setup(self):
        for attempt in range(3):  # an overloaded machine can fail a 1 s health check 3 times
            op = self.baton.deploy(APP, compose(self.image_of("v1"), self.monitor_s))
            status, _ = self.baton.wait(op["id"], timeout=300)
            if status == "SUCCEEDED":
                return
            print(f"p1: baton setup ended {status}, retrying", flush=True)
        raise RuntimeError(f"baton setup ended {status}")

    def run(self, tag):
        t0 = time.monotonic()
        op = self.baton.deploy(APP, compose(self.image_of(tag), self.monitor_s))
        status, _ = self.baton.wait(op["id"], timeout=180, poll=0.02)
        elapsed = time.monotonic() - t0
        if status != "SUCCEEDED":
            raise RuntimeError(f"baton rollout ended {status}")
        return elapsed


class SwarmContender:
    name = "swarm"

    def __init__(self, docker, endpoint, image_of, monitor_s):
        self.docker, self.endpoint = docker, endpoint
        self.image_of, self.monitor_s = image_of, monitor_s

    def cli(self, *args, timeout=180):
        return subprocess.run(
            [DOCKER_CLI, "-H", self.endpoint, *args],
            check=True, capture_output=True, text=True, timeout=timeout,
        )

    def setup(self):
        info = self.docker.call("GET", "/info")
        if info["Swarm"]["LocalNodeState"] != "active":
            self.cli("swarm", "init", "--advertise-addr", "127.0.0.1")
        if any(s["Spec"]["Name"] == SWARM_SERVICE for s in self.docker.call("GET", "/services")):
            self.docker.call("DELETE", f"/services/{SWARM_SERVICE}")
            time.sleep(3)
        # Created through the API so the health check has the exact exec form Baton's has
        # (the CLI's --health-cmd is always shell form).
        spec = {
            "Name": SWARM_SERVICE,
            "TaskTemplate": {
                "ContainerSpec": {
                    "Image": self.image_of("v1"),
                    "Init": True,
                    "Healthcheck": {"Test": HEALTH_TEST, "Interval": SECOND_NS,
                                    "Timeout": HEALTH_TIMEOUT_S * SECOND_NS, "Retries": 3},
                },
            },
            "Mode": {"Replicated": {"Replicas": REPLICAS}},
        }
        self.docker.call("POST", "/services/create", spec)
        self.wait_converged(300)

    def wait_converged(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            tasks = self.docker.call(
                "GET", "/tasks",
                query={"filters": f'{{"service":["{SWARM_SERVICE}"],"desired-state":["running"]}}'},
            )
            if sum(t["Status"]["State"] == "running" for t in tasks) == REPLICAS:
                return
            time.sleep(0.5)
        raise TimeoutError("swarm service did not converge")

    def run(self, tag):
        t0 = time.monotonic()
        self.cli(
            "service", "update", "--detach=false", "--quiet",
            "--image", self.image_of(tag),
            "--update-parallelism", str(PARALLELISM), "--update-order", "start-first",
            "--update-delay", "0s", "--update-monitor", f"{self.monitor_s}s",
            "--update-failure-action", "rollback", SWARM_SERVICE,
        )
        return time.monotonic() - t0

    def teardown(self):
        self.docker.call("DELETE", f"/services/{SWARM_SERVICE}", ok=(200, 404))


class DirectContender:
    """What Baton does, as a plain program: per batch, create + start the new containers, poll
    inspect until healthy, then stop + remove the old ones without blocking the next batch;
    after the last batch, the monitor window runs while the last old ones go."""

    name = "direct"
    POLL_S = 0.1

    def __init__(self, docker, image_of, monitor_s):
        self.docker, self.image_of, self.monitor_s = docker, image_of, monitor_s
        self.generation = 0
        self.current = {}  # slot -> container id
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=2 * PARALLELISM)

    def config(self, image, slot):
        return {
            "Image": image,
            "Labels": {DIRECT_LABEL: "direct", "bench.slot": str(slot)},
            "Healthcheck": {"Test": HEALTH_TEST, "Interval": SECOND_NS,
                            "Timeout": HEALTH_TIMEOUT_S * SECOND_NS, "Retries": 3},
            "HostConfig": {"Init": True, "RestartPolicy": {"Name": "no"}},
        }

    def launch(self, image, slot):
        cid = self.docker.create(f"p1{self.name[0]}-g{self.generation}-{slot}", self.config(image, slot))
        self.docker.start(cid)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            state = self.docker.inspect(cid)["State"]
            health = (state.get("Health") or {}).get("Status")
            if health == "healthy":
                return cid
            if health == "unhealthy" or state["Status"] in ("exited", "dead"):
                raise RuntimeError(f"direct: {cid[:12]} {state['Status']} {health}")
            time.sleep(self.POLL_S)
        raise TimeoutError("direct: not healthy within 60 s")

    def retire(self, cid):
        self.docker.stop(cid, 10)
        self.docker.remove(cid)

    def setup(self):
        for c in self.docker.list([DIRECT_LABEL]):
            self.docker.remove(c["Id"])
        self.run("v1")


    def run(self, tag):
        t0 = time.monotonic()
        self.generation += 1
        image = self.image_of(tag)
        retiring = []
        slots = list(range(1, REPLICAS + 1))
        for b in range(0, REPLICAS, PARALLELISM):
            batch = slots[b:b + PARALLELISM]
            new = dict(zip(batch, self.pool.map(lambda s: self.launch(image, s), batch)))
            for slot in batch:
                old = self.current.get(slot)
                if old:
                    retiring.append(self.pool.submit(self.retire, old))
                self.current[slot] = new[slot]
        monitor = threading.Thread(target=time.sleep, args=(self.monitor_s,))
        monitor.start()
        for f in retiring:
            f.result()
        monitor.join()
        return time.monotonic() - t0

    def teardown(self):
        for c in self.docker.list([DIRECT_LABEL]):
            self.docker.remove(c["Id"])
        self.current.clear()


class WindowContender(DirectContender):
    """The same calls with Swarm's scheduling: `parallelism` is a sliding window of slots (a
    slot starts as soon as any of the 3 in flight is done), not lockstep batches. Not what Baton
    promises; it shows how much of Swarm's time is its scheduling rather than its calls."""

    name = "window"
    LABEL_VALUE = "window"

    def config(self, image, slot):
        c = super().config(image, slot)
        c["Labels"][DIRECT_LABEL] = "window"
        return c

    def setup(self):
        self.run("v1")

    def teardown(self):
        for c in self.docker.list([f"{DIRECT_LABEL}=window"]):
            self.docker.remove(c["Id"])
        self.current.clear()

    def run(self, tag):
        t0 = time.monotonic()
        self.generation += 1
        image = self.image_of(tag)
        retiring = []
        lock = threading.Lock()

        def slot_update(slot):
            cid = self.launch(image, slot)
            with lock:
                old = self.current.get(slot)
                self.current[slot] = cid
                if old:
                    retiring.append(self.retirer.submit(self.retire, old))

        with concurrent.futures.ThreadPoolExecutor(PARALLELISM) as window:
            list(window.map(slot_update, range(1, REPLICAS + 1)))
        monitor = threading.Thread(target=time.sleep, args=(self.monitor_s,))
        monitor.start()
        for f in retiring:
            f.result()
        monitor.join()
        return time.monotonic() - t0

    @property
    def retirer(self):
        return self.pool


def run(env, runs, monitor_s=5, only=None, health_timeout_s=1):
    global HEALTH_TIMEOUT_S
    HEALTH_TIMEOUT_S = health_timeout_s
    endpoint = env["DOCKER_HOSTS"].split(",")[0]  # host1
    docker = Docker(endpoint)
    baton = Baton(env["BATON_URL"], env["BATON_ADMIN_TOKEN"])
    image_of = lambda tag: f"{env['REGISTRY']}/baton-demo/web:{tag}"  # noqa: E731
    contenders = [
        BatonContender(baton, image_of, monitor_s),
        SwarmContender(docker, endpoint, image_of, monitor_s),
        DirectContender(docker, image_of, monitor_s),
        WindowContender(docker, image_of, monitor_s),
    ]
    if only:
        contenders = [c for c in contenders if c.name in only]
    for c in contenders:
        print(f"p1: setting up {c.name} (12 x v1)", flush=True)
        c.setup()
    times = {c.name: [] for c in contenders}
    failures = {c.name: [] for c in contenders}
    loads = []
    for i in range(runs):
        loads.append(round(os.getloadavg()[0], 2))
        tag = "v2" if i % 2 == 0 else "v1"
        turn = contenders[i % len(contenders):] + contenders[: i % len(contenders)]
        for c in turn:
            time.sleep(2)  # let the previous contender's stopped containers settle
            try:
                t = c.run(tag)
            except Exception as e:  # noqa: BLE001 - a failed rollout is a result, not a crash
                failures[c.name].append(f"run {i + 1}: {e}")
                print(f"p1: run {i + 1}/{runs} {c.name:6s} -> {tag}: FAILED {e}", flush=True)
                continue
            times[c.name].append(round(t, 3))
            print(f"p1: run {i + 1}/{runs} {c.name:6s} -> {tag}: {t:.2f} s", flush=True)
    for c in contenders:
        if hasattr(c, "teardown"):
            c.teardown()
    result = {
        "setup": {"replicas": REPLICAS, "parallelism": PARALLELISM, "order": "start-first",
                  "health_interval_s": 1, "health_timeout_s": health_timeout_s, "monitor_s": monitor_s, "runs": runs,
                  "engine": endpoint},
        "seconds": {name: summary(v) for name, v in times.items() if v},
        "failed_runs": failures,
        "raw": times,
        "load_average_1m_per_run": loads,
        "paired_ratios": paired(times),
    }
    if "baton" in times and "swarm" in times:
        result["baton_over_swarm"] = round(
            result["seconds"]["baton"]["median"] / result["seconds"]["swarm"]["median"], 3)
    if "baton" in times and "direct" in times:
        result["baton_over_direct"] = round(
            result["seconds"]["baton"]["median"] / result["seconds"]["direct"]["median"], 3)
    write_result("p1", result)
    return result


def paired(times):
    """Median of run i of one contender over run i of another (runs where both finished)."""
    out = {}
    for a, b in (("baton", "swarm"), ("baton", "direct"), ("baton", "window"), ("window", "swarm")):
        if a in times and b in times and len(times[a]) == len(times[b]) and times[a]:
            ratios = sorted(x / y for x, y in zip(times[a], times[b]))
            out[f"{a}_over_{b}"] = round(statistics.median(ratios), 3)
    return out


def table(result):
    rows = ["| contender | wall time median (min–max) | runs | failed runs |", "|---|---|---|---|"]
    for name, s in result["seconds"].items():
        rows.append(f"| {name} | {s['median']:.2f} s ({s['min']:.2f}–{s['max']:.2f}) | {s['n']} |"
                    f" {len(result['failed_runs'].get(name, []))} |")
    for k in ("baton_over_swarm", "baton_over_direct"):
        if k in result:
            rows.append(f"| {k.replace('_', ' ')} | {result[k]:.2f}× | | |")
    for k, v in result.get("paired_ratios", {}).items():
        rows.append(f"| {k.replace('_', ' ')} (paired runs) | {v:.2f}× | | |")
    return "\n".join(rows)
