"""LB: what a Baton balancer costs and how fast it follows the instances, on the stack's hosts.

- Latency added: requests each on a new connection, interleaved, to the published port on a host
  (through its balancer) and straight to a replica's own port on its host; p50 and p99 of each.
- Memory: each host's balancer of the service, from the engine's stats (usage minus page cache).
- Healthy -> receiving traffic (each of --runs times): scale 3 -> 4; from the engine's `health_status: healthy` event of
  the new instance to its first answer through a balancer.
- Out of service -> stopped: scale 4 -> 3; from the removed instance's last answer through the
  balancers to its container's `die` event.
- Swarm's routing mesh, the peer the issue names, needs IPVS, which this machine's kernel lacks
  (no /proc/sys/net/ipv4/vs; a published Swarm port does not answer): reported, not measured.
"""

import http.client
import json
import os
import threading
import time

from common import Baton, fmt, percentile, summary, write_result
from docker_api import Docker

APP = "bench-lb"
PORT = 18700


def compose(image, replicas):
    return f"""services:
  web:
    image: {image}
    init: true
    ports: ["{PORT}:8080"]
    healthcheck:
      test: ["CMD", "/bin/busybox", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"]
      interval: 1s
      timeout: 1s
      retries: 3
    deploy:
      replicas: {replicas}
"""


def get(address, path="/version", timeout=5):
    """One request on a new connection: (seconds, body) or (None, error)."""
    host, port = address.rsplit(":", 1)
    start = time.perf_counter()
    c = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        c.request("GET", path)
        r = c.getresponse()
        body = r.read().decode(errors="replace").strip()
        return (time.perf_counter() - start, body) if r.status == 200 else (None, r.status)
    except OSError as e:
        return None, str(e)
    finally:
        c.close()


def run(env, runs=5, requests=1000):
    baton = Baton(env["BATON_URL"], env["BATON_ADMIN_TOKEN"])
    names = env["DOCKER_HOST_NAMES"].split(",")
    engines = dict(zip(names, (Docker(e) for e in env["DOCKER_HOSTS"].split(","))))
    addresses = dict(zip(names, env["DOCKER_HOST_ADDRESSES"].split(",")))
    image = f"{env['REGISTRY']}/baton-demo/web:v1"
    scale = lambda n: baton.request("POST", f"/api/v1/apps/{APP}/scale",  # noqa: E731
                                    json.dumps({"replicas": {"web": n}}))[1]["id"]
    try:
        status, _ = baton.wait(baton.deploy(APP, compose(image, 3))["id"])
        assert status == "SUCCEEDED", status
        into, out = [], []
        for _ in range(runs):
            into.append(healthy_to_traffic(baton, engines, addresses, scale))
            out.append(out_to_stopped(baton, engines, addresses, scale))
        result = {"latency": latency(engines, addresses, requests),
                  "memory_mib": memory(engines),
                  "healthy_to_traffic_s": summary(into),
                  "out_of_service_to_stopped_s": summary(out),
                  "swarm": "not measurable here: its routing mesh needs IPVS, absent from this "
                           "kernel (no /proc/sys/net/ipv4/vs)" if not os.path.exists(
                               "/proc/sys/net/ipv4/vs") else "not run"}
    finally:
        baton.request("DELETE", f"/api/v1/apps/{APP}")
    write_result("lb", result)
    return result


def web(engines):
    out = []
    for host, d in engines.items():
        for c in d.list([f"baton.app={APP}", "baton.service=web"]):
            if c["State"] == "running":
                out.append((host, c))
    return out


def latency(engines, addresses, n):
    host, c = web(engines)[0]
    port = next(p["PublicPort"] for p in c["Ports"] if p.get("PublicPort"))
    direct, balanced = f"{addresses[host]}:{port}", f"{addresses[host]}:{PORT}"
    times = {"direct": [], "balancer": []}
    for _ in range(n):
        for name, address in (("direct", direct), ("balancer", balanced)):
            t, _ = get(address)
            if t is not None:
                times[name].append(t * 1000)
    out = {k: {"p50_ms": round(percentile(v, 50), 2), "p99_ms": round(percentile(v, 99), 2),
               "answered": len(v), "sent": n} for k, v in times.items()}
    out["added_p50_ms"] = round(out["balancer"]["p50_ms"] - out["direct"]["p50_ms"], 2)
    out["added_p99_ms"] = round(out["balancer"]["p99_ms"] - out["direct"]["p99_ms"], 2)
    return out


def memory(engines):
    out = {}
    for host, d in engines.items():
        c = d.call("GET", f"/containers/baton-lb-{APP}-web/stats", query={"stream": "false"})
        m = c["memory_stats"]
        cache = m.get("stats", {}).get("inactive_file", m.get("stats", {}).get("cache", 0))
        out[host] = round((m["usage"] - cache) / 2**20, 1)
    return out


class Watch:
    """Asks every host's balancer who answers, as fast as it can, and notes when each was seen."""

    def __init__(self, addresses):
        self.addresses = list(addresses.values())
        self.first, self.last = {}, {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.loop, daemon=True)
        self.thread.start()

    def loop(self):
        i = 0
        while not self.stop.is_set():
            _, who = get(f"{self.addresses[i % len(self.addresses)]}:{PORT}", "/cgi-bin/whoami", 2)
            now = time.time()
            if isinstance(who, str) and len(who) == 12:
                self.first.setdefault(who, now)
                self.last[who] = now
            i += 1

    def close(self):
        self.stop.set()
        self.thread.join()


def healthy_to_traffic(baton, engines, addresses, scale):
    t0 = time.time()
    before = {c["Id"] for _, c in web(engines)}
    watch = Watch(addresses)
    try:
        status, _ = baton.wait(scale(4))
        assert status == "SUCCEEDED", status
        time.sleep(2)
    finally:
        watch.close()
    (host, new), = [(h, c) for h, c in web(engines) if c["Id"] not in before]
    events = engines[host].events({"container": [new["Id"]], "event": ["health_status"]}, t0,
                                   time.time())
    healthy = min(e["timeNano"] / 1e9 for e in events if e["status"].endswith(": healthy"))
    return round(watch.first[new["Id"][:12]] - healthy, 3)


def out_to_stopped(baton, engines, addresses, scale):
    t0 = time.time()
    before = {c["Id"]: h for h, c in web(engines)}
    watch = Watch(addresses)
    try:
        status, _ = baton.wait(scale(3))
        assert status == "SUCCEEDED", status
    finally:
        watch.close()
    (gone, host), = [(i, h) for i, h in before.items() if i not in {c["Id"] for _, c in web(engines)}]
    died = [e for e in engines[host].events({"container": [gone], "event": ["die"]}, t0, time.time())]
    return round(died[0]["timeNano"] / 1e9 - watch.last[gone[:12]], 3)


def table(r):
    lat = r["latency"]
    rows = ["| | p50 | p99 | answered |", "|---|---|---|---|"]
    for k in ("direct", "balancer"):
        rows.append(f"| {k} | {lat[k]['p50_ms']} ms | {lat[k]['p99_ms']} ms | "
                    f"{lat[k]['answered']}/{lat[k]['sent']} |")
    rows += ["", f"Added by the balancer: p50 {lat['added_p50_ms']} ms, p99 {lat['added_p99_ms']} ms",
             f"Balancer memory per host (MiB): {r['memory_mib']}",
             f"Healthy -> receiving traffic: {fmt(r['healthy_to_traffic_s'])}",
             f"Out of service -> stopped: {fmt(r['out_of_service_to_stopped_s'])}",
             f"Swarm: {r['swarm']}"]
    return "\n".join(rows)
