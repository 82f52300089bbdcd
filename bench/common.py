"""Shared helpers: the stack's env file, Baton's REST API, statistics, result files."""

import json
import os
import statistics
import subprocess
import time
import urllib.error
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCKER_CLI = "/usr/bin/docker"  # API 1.41, the engines' version


def load_env(path):
    env = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            k, v = line.split("=", 1)
            if len(v) >= 2 and v[0] == v[-1] == "'":
                v = v[1:-1]
            env[k] = v
    return env


class Baton:
    def __init__(self, url, token):
        self.url = url.rstrip("/")
        self.token = token

    def request(self, method, path, body=None, ctype="application/json", timeout=30):
        data = body.encode() if isinstance(body, str) else body
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Authorization", "Bearer " + self.token)
        if data is not None:
            req.add_header("Content-Type", ctype)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                raw = r.read()
                return r.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(errors="replace")

    def deploy(self, app, compose_yaml):
        status, body = self.request(
            "POST", f"/api/v1/apps/{app}/deployments", compose_yaml, "application/yaml"
        )
        if status != 202:
            raise RuntimeError(f"deploy {app}: HTTP {status}: {body}")
        return body

    def operation(self, op_id):
        status, body = self.request("GET", f"/api/v1/operations/{op_id}")
        if status != 200:
            raise RuntimeError(f"operation {op_id}: HTTP {status}: {body}")
        return body

    def wait(self, op_id, timeout=300, poll=0.05):
        """Polls until the operation is terminal; returns (status, body)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                body = self.operation(op_id)
            except (OSError, RuntimeError):
                body = None  # Baton restarting (P4): keep polling
            if body and body["status"] in TERMINAL:
                return body["status"], body
            time.sleep(poll)
        raise TimeoutError(f"operation {op_id} not terminal within {timeout}s")

    def healthy(self):
        try:
            with urllib.request.urlopen(self.url + "/actuator/health", timeout=2) as r:
                return b'"UP"' in r.read()
        except OSError:
            return False


TERMINAL = {"SUCCEEDED", "FAILED", "ROLLED_BACK", "ABORTED"}


def summary(values):
    """median / min / max (and p99 when there are enough values) of a list of numbers."""
    v = sorted(values)
    out = {
        "n": len(v),
        "median": round(statistics.median(v), 3),
        "min": round(v[0], 3),
        "max": round(v[-1], 3),
    }
    if len(v) >= 10:
        out["p95"] = round(percentile(v, 95), 3)
        out["p99"] = round(percentile(v, 99), 3)
    return out


def percentile(values, p):
    """Nearest-rank percentile."""
    v = sorted(values)
    if not v:
        return float("nan")
    k = max(0, min(len(v) - 1, int(-(-p * len(v) // 100)) - 1))
    return v[k]


def fmt(s, unit="s"):
    return f"{s['median']:.2f} {unit} ({s['min']:.2f}–{s['max']:.2f})"


def write_result(name, data):
    os.makedirs(os.path.join(REPO, "bench", "results"), exist_ok=True)
    # The machine is shared: the load average says how much to trust absolute figures.
    data = {"benchmark": name, "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "load_average_at_end": [round(x, 2) for x in os.getloadavg()], **data}
    path = os.path.join(REPO, "bench", "results", f"{name}.json")
    with open(path, "w") as f:
        json.dump(data, f, indent=2)
    return path


def proc_status(pid):
    """VmRSS / VmHWM in MiB and CPU seconds (utime+stime) of a process."""
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                out[line.split(":")[0]] = int(line.split()[1]) / 1024
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    out["cpu_s"] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return out


def heap_used_mib(pid):
    """Java heap in use, from `jcmd <pid> GC.heap_info` (None when jcmd is missing)."""
    try:
        out = subprocess.run(
            ["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=20
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    for line in out.splitlines():
        if "total" in line and "used" in line:
            # " garbage-first heap   total 262144K, used 123456K [...]"
            used = line.split("used")[1].split("K")[0].strip().rstrip(",")
            try:
                return int(used) / 1024
            except ValueError:
                return None
    return None


HEALTH_TEST = ["CMD", "/bin/busybox", "wget", "-q", "-O-", "http://127.0.0.1:8080/health"]


def web_compose(image, replicas, constraint, update_config, health_timeout_s=1):
    """The demo web service's Compose file: the exec-form health check every 1 s, 3 retries;
    `constraint` pins it (`node.hostname==host1`), `update_config` is a flow-style YAML mapping."""
    test = "[" + ", ".join(f'"{word}"' for word in HEALTH_TEST) + "]"
    return f"""services:
  web:
    image: {image}
    init: true
    healthcheck:
      test: {test}
      interval: 1s
      timeout: {health_timeout_s}s
      retries: 3
    deploy:
      replicas: {replicas}
      placement:
        constraints: [{constraint}]
      update_config: {update_config}
"""
