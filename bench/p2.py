"""P2: latency from `POST /apps/{app}/deployments` accepted (202 received) to the first new
container started on the engine (the new container's State.StartedAt), image present.

One replica, start-first, the P1 health check (timeout 5 s: the machine is loaded), monitor 0: each deployment is waited for before
the next, alternating v1/v2.
"""

import time

from common import Baton, summary, web_compose, write_result
from docker_api import Docker
from p4 import parse_time

APP = "p2"


def compose(image):
    return web_compose(image, 1, "node.hostname==host1",
                       "{parallelism: 1, order: start-first, monitor: 0s}", health_timeout_s=5)


def started_at(docker, revision):
    """StartedAt of the revision's container (the engine's clock; same machine). Docker keeps only
    the last 256 events in memory, and health-check execs flood them, so the event log cannot be
    read after the fact."""
    for c in docker.list([f"baton.app={APP}", f"baton.revision={revision}"]):
        return parse_time(docker.inspect(c["Id"])["State"]["StartedAt"])
    return None


def run(env, deploys):
    docker = Docker(env["DOCKER_HOSTS"].split(",")[0])
    baton = Baton(env["BATON_URL"], env["BATON_ADMIN_TOKEN"])
    image = lambda tag: f"{env['REGISTRY']}/baton-demo/web:{tag}"  # noqa: E731
    op = baton.deploy(APP, compose(image("v1")))
    baton.wait(op["id"], timeout=120)
    accepted_ms, request_ms, failed = [], [], []
    for i in range(deploys):
        tag = "v2" if i % 2 == 0 else "v1"
        sent = time.time()
        op = baton.deploy(APP, compose(image(tag)))
        accepted = time.time()
        status, _ = baton.wait(op["id"], timeout=120)
        if status != "SUCCEEDED":
            failed.append(f"deployment {i + 1}: {status}")  # its container started all the same
        started = started_at(docker, op["revision"])
        if started is None:
            raise RuntimeError(f"p2 deployment {i}: no container of r{op['revision']}")
        accepted_ms.append(round((started - accepted) * 1000, 1))
        request_ms.append(round((accepted - sent) * 1000, 1))
        save(accepted_ms, request_ms, failed, deploys)
        print(f"p2: {i + 1}/{deploys} accepted->started {accepted_ms[-1]:.0f} ms "
              f"(request {request_ms[-1]:.0f} ms)", flush=True)
    return save(accepted_ms, request_ms, failed, deploys)


def save(accepted_ms, request_ms, failed, deploys):
    """Written after every deployment, so an interrupted run keeps what it measured."""
    result = {
        "setup": {"deploys": deploys, "done": len(accepted_ms), "replicas": 1, "image_present": True},
        "accepted_to_first_start_ms": summary(accepted_ms),
        "post_request_ms": summary(request_ms),
        "not_succeeded": failed,
        "raw": {"accepted_to_first_start_ms": accepted_ms, "post_request_ms": request_ms},
    }
    write_result("p2", result)
    return result


def table(r):
    a, q = r["accepted_to_first_start_ms"], r["post_request_ms"]
    return "\n".join([
        "| measure | p50 | p99 | min–max | n |", "|---|---|---|---|---|",
        f"| 202 received → first container started | {a['median']:.0f} ms | {a.get('p99', a['max']):.0f} ms"
        f" | {a['min']:.0f}–{a['max']:.0f} ms | {a['n']} |",
        f"| POST request → 202 | {q['median']:.0f} ms | {q.get('p99', q['max']):.0f} ms"
        f" | {q['min']:.0f}–{q['max']:.0f} ms | {q['n']} |",
    ])
