"""Hollow Docker hosts: a simulated Docker Engine API, like Kubernetes' kubemark hollow nodes.

One process serves N independent engines on 127.0.0.1 TCP ports (plain HTTP: Baton's
DockerClients uses TLS for tcp:// only when a cert folder is configured). It answers the subset
of the Engine API Baton's docker-java adapter uses, with a configurable latency and error rate:

  GET  /_ping, /version, /info                      GET  /images/{name}/json
  POST /images/create?fromImage=&tag=  (pull)        GET  /containers/json?all&filters=
  POST /containers/create?name=                      GET  /containers/{id}/json
  POST /containers/{id}/start | /stop                DELETE /containers/{id}
  GET  /events (empty stream, closes at once)        GET  /hollow/stats (for the benchmark)

Containers run nothing: start makes them "running"; a container with a health check turns
"healthy" one health interval after it started (as Docker's first check would), stop makes it
"exited". Every image is present unless --missing-images.

  python hollow.py --hosts 20 --base-port 43000 --latency-ms 5 --error-rate 0.01
"""

import argparse
import asyncio
import hashlib
import json
import random
import re
import time

from aiohttp import web

API_VERSION = "1.41"


def now_iso(t=None):
    t = time.time() if t is None else t
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + f".{int(t % 1 * 1e9):09d}Z"


class Engine:
    """The state of one hollow host."""

    def __init__(self, name, images_present=True):
        self.name = name
        self.images_present = images_present
        self.images = set()
        self.containers = {}  # id -> dict
        self.by_name = {}
        self.calls = 0

    def health(self, c):
        hc = c["config"].get("Healthcheck") or {}
        test = hc.get("Test") or []
        if not test or test[0] == "NONE":
            return None
        if c["status"] != "running":
            return "unhealthy" if c["status"] == "exited" else "starting"
        interval = (hc.get("Interval") or 30_000_000_000) / 1e9
        return "healthy" if time.time() >= c["started"] + interval else "starting"

    def inspect(self, c):
        health = self.health(c)
        state = {
            "Status": c["status"], "Running": c["status"] == "running", "Paused": False,
            "Restarting": False, "OOMKilled": False, "Dead": False,
            "Pid": 4242 if c["status"] == "running" else 0, "ExitCode": c["exit"], "Error": "",
            "StartedAt": now_iso(c["started"]) if c["started"] else "0001-01-01T00:00:00Z",
            "FinishedAt": now_iso(c["finished"]) if c["finished"] else "0001-01-01T00:00:00Z",
        }
        if health:
            state["Health"] = {"Status": health, "FailingStreak": 0, "Log": []}
        return {
            "Id": c["id"], "Name": "/" + c["name"], "Created": now_iso(c["created"]),
            "State": state, "Image": "sha256:" + "0" * 64, "RestartCount": 0,
            "Config": {**c["config"], "Labels": c["config"].get("Labels") or {}},
            "HostConfig": c["config"].get("HostConfig") or {},
            "NetworkSettings": {"Ports": {}, "Networks": {}},
        }

    def listed(self, c):
        health = self.health(c)
        up = f"Up {int(time.time() - c['started'])} seconds" if c["status"] == "running" else "Exited (0)"
        return {
            "Id": c["id"], "Names": ["/" + c["name"]], "Image": c["config"].get("Image"),
            "ImageID": "sha256:" + "0" * 64, "Command": "", "Created": int(c["created"]),
            "State": c["status"], "Status": up + (f" ({'health: ' if health == 'starting' else ''}{health})" if health else ""),
            "Ports": [], "Labels": c["config"].get("Labels") or {},
        }


def matches(c, filters):
    labels = c["config"].get("Labels") or {}
    for want in filters.get("label", []):
        k, _, v = want.partition("=")
        if k not in labels or ("=" in want and labels[k] != v):
            return False
    for pattern in filters.get("name", []):
        if not re.search(pattern, "/" + c["name"]):
            return False
    return True


def decode_filters(raw):
    if not raw:
        return {}
    f = json.loads(raw)
    # Either {"label": ["a=b"]} or the older {"label": {"a=b": true}}.
    return {k: list(v.keys()) if isinstance(v, dict) else v for k, v in f.items()}


def make_app(engine, latency_s, error_rate):
    routes = []

    def route(method, pattern):
        def add(fn):
            routes.append((method, re.compile("^" + pattern + "$"), fn))
            return fn
        return add

    def err(status, message):
        return web.json_response({"message": message}, status=status)

    def container(ident):
        return engine.containers.get(ident) or engine.containers.get(engine.by_name.get(ident.lstrip("/"), ""))

    @route("GET", "/_ping")
    async def ping(req, m):
        return web.Response(text="OK", headers={"Api-Version": API_VERSION})

    @route("GET", "/version")
    async def version(req, m):
        return web.json_response({"Version": "20.10.24-hollow", "ApiVersion": API_VERSION,
                                  "MinAPIVersion": "1.12", "Os": "linux", "Arch": "amd64"})

    @route("GET", "/info")
    async def info(req, m):
        running = sum(c["status"] == "running" for c in engine.containers.values())
        return web.json_response({"Name": engine.name, "NCPU": 64, "MemTotal": 256 << 30,
                                  "Containers": len(engine.containers), "ContainersRunning": running,
                                  "ServerVersion": "20.10.24-hollow", "Swarm": {"LocalNodeState": "inactive"}})

    @route("GET", "/images/(?P<name>.+)/json")
    async def image_inspect(req, m):
        name = m["name"]
        if engine.images_present or name in engine.images:
            return web.json_response({"Id": "sha256:" + hashlib.sha256(name.encode()).hexdigest(),
                                      "RepoTags": [name]})
        return err(404, f"No such image: {name}")

    @route("POST", "/images/create")
    async def pull(req, m):
        image = req.query.get("fromImage", "")
        tag = req.query.get("tag")
        engine.images.add(f"{image}:{tag}" if tag else image)
        body = "".join(json.dumps(x) + "\n" for x in (
            {"status": f"Pulling from {image}", "id": tag or "latest"},
            {"status": f"Status: Downloaded newer image for {image}:{tag}"}))
        return web.Response(text=body, content_type="application/json")

    @route("GET", "/containers/json")
    async def list_containers(req, m):
        f = decode_filters(req.query.get("filters"))
        show_all = req.query.get("all") in ("1", "true", "True")
        out = [engine.listed(c) for c in engine.containers.values()
               if matches(c, f) and (show_all or c["status"] == "running")]
        return web.json_response(out)

    @route("POST", "/containers/create")
    async def create(req, m):
        name = req.query.get("name", "")
        config = await req.json()
        image = config.get("Image", "")
        if not (engine.images_present or image in engine.images):
            return err(404, f"No such image: {image}")
        if name in engine.by_name:
            return err(409, f'Conflict. The container name "/{name}" is already in use')
        cid = hashlib.sha256(f"{engine.name}/{name}/{time.time_ns()}".encode()).hexdigest()
        engine.containers[cid] = {"id": cid, "name": name, "config": config, "status": "created",
                                  "created": time.time(), "started": 0, "finished": 0, "exit": 0}
        engine.by_name[name] = cid
        return web.json_response({"Id": cid, "Warnings": []}, status=201)

    @route("GET", "/containers/(?P<id>[^/]+)/json")
    async def inspect(req, m):
        c = container(m["id"])
        return web.json_response(engine.inspect(c)) if c else err(404, f"No such container: {m['id']}")

    @route("POST", "/containers/(?P<id>[^/]+)/start")
    async def start(req, m):
        c = container(m["id"])
        if not c:
            return err(404, f"No such container: {m['id']}")
        if c["status"] == "running":
            return web.Response(status=304)
        c.update(status="running", started=time.time(), finished=0)
        return web.Response(status=204)

    @route("POST", "/containers/(?P<id>[^/]+)/stop")
    async def stop(req, m):
        c = container(m["id"])
        if not c:
            return err(404, f"No such container: {m['id']}")
        if c["status"] != "running":
            return web.Response(status=304)
        c.update(status="exited", finished=time.time())
        return web.Response(status=204)

    @route("DELETE", "/containers/(?P<id>[^/]+)")
    async def remove(req, m):
        c = container(m["id"])
        if not c:
            return err(404, f"No such container: {m['id']}")
        del engine.containers[c["id"]]
        engine.by_name.pop(c["name"], None)
        return web.Response(status=204)

    @route("GET", "/events")
    async def events(req, m):
        return web.Response(text="", content_type="application/json")

    @route("GET", "/hollow/stats")
    async def stats(req, m):
        per_app = {}
        for c in engine.containers.values():
            app = (c["config"].get("Labels") or {}).get("baton.app", "")
            s = per_app.setdefault(app, {"running": 0, "other": 0})
            s["running" if c["status"] == "running" else "other"] += 1
        return web.json_response({"host": engine.name, "calls": engine.calls, "apps": per_app})

    version_prefix = re.compile(r"^/v\d+\.\d+(?=/)")

    async def dispatch(req):
        path = version_prefix.sub("", req.path)
        for method, pattern, fn in routes:
            m = pattern.match(path)
            if m and req.method == method:
                if not path.startswith("/hollow/"):
                    engine.calls += 1
                    if latency_s:
                        await asyncio.sleep(random.uniform(0.5, 1.5) * latency_s)
                    if error_rate and random.random() < error_rate:
                        return err(500, "hollow: injected error")
                return await fn(req, m)
        return err(404, f"hollow: no route for {req.method} {req.path}")

    app = web.Application(client_max_size=16 << 20)
    app.router.add_route("*", "/{tail:.*}", dispatch)
    return app


async def serve(args):
    runners = []
    for i in range(args.hosts):
        engine = Engine(f"hollow{i + 1:02d}", images_present=not args.missing_images)
        runner = web.AppRunner(make_app(engine, args.latency_ms / 1000, args.error_rate),
                               access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", args.base_port + i).start()
        runners.append(runner)
    print(f"hollow: {args.hosts} engines on 127.0.0.1:{args.base_port}.."
          f"{args.base_port + args.hosts - 1}, latency {args.latency_ms} ms, "
          f"error rate {args.error_rate}", flush=True)
    await asyncio.Event().wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hosts", type=int, default=20)
    ap.add_argument("--base-port", type=int, default=43000)
    ap.add_argument("--latency-ms", type=float, default=5.0, help="mean added latency per call")
    ap.add_argument("--error-rate", type=float, default=0.0, help="share of calls answered 500")
    ap.add_argument("--missing-images", action="store_true", help="images must be pulled first")
    asyncio.run(serve(ap.parse_args()))


if __name__ == "__main__":
    main()
