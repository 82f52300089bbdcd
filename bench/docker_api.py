"""A tiny Docker Engine API client over a unix socket (standard library only).

The direct-Docker baseline and the benchmarks' event watchers use it, so the baseline pays no
CLI process start-up per call: it makes the same HTTP calls Baton's docker-java adapter makes.
"""

import http.client
import json
import socket
import threading
import urllib.parse

API = "/v1.41"


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=60):
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(self.timeout)
        s.connect(self._path)
        self.sock = s


class DockerError(Exception):
    def __init__(self, status, body):
        super().__init__(f"HTTP {status}: {body[:300]}")
        self.status = status


class Docker:
    """One keep-alive connection per thread, like a client's connection pool."""

    def __init__(self, endpoint):
        self.path = endpoint.removeprefix("unix://")
        self._local = threading.local()

    def _conn(self):
        c = getattr(self._local, "conn", None)
        if c is None:
            c = self._local.conn = _UnixConnection(self.path)
        return c

    def call(self, method, path, body=None, query=None, ok=(200, 201, 204, 304)):
        url = API + path + ("?" + urllib.parse.urlencode(query) if query else "")
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"} if data is not None else {}
        for attempt in (1, 2):
            c = self._conn()
            try:
                c.request(method, url, body=data, headers=headers)
                r = c.getresponse()
                raw = r.read()
                break
            except (http.client.HTTPException, OSError):
                c.close()
                self._local.conn = None
                if attempt == 2:
                    raise
        if r.status not in ok:
            raise DockerError(r.status, raw.decode(errors="replace"))
        return json.loads(raw) if raw and raw[:1] in (b"{", b"[") else None

    # The calls the baseline needs, named like the Engine API.
    def create(self, name, config):
        return self.call("POST", "/containers/create", config, {"name": name})["Id"]

    def start(self, cid):
        self.call("POST", f"/containers/{cid}/start")

    def inspect(self, cid):
        return self.call("GET", f"/containers/{cid}/json")

    def stop(self, cid, t=10):
        self.call("POST", f"/containers/{cid}/stop", query={"t": t})

    def remove(self, cid):
        self.call("DELETE", f"/containers/{cid}", query={"force": "true", "v": "true"}, ok=(204, 404))

    def list(self, labels):
        f = json.dumps({"label": labels})
        return self.call("GET", "/containers/json", query={"all": "true", "filters": f})

    def events(self, filters, since=None, until=None):
        """Yields decoded events; with `until` the stream ends by itself."""
        q = {"filters": json.dumps(filters)}
        if since is not None:
            q["since"] = f"{since:.9f}"
        if until is not None:
            q["until"] = f"{until:.9f}"
        c = _UnixConnection(self.path, timeout=None)
        c.request("GET", API + "/events?" + urllib.parse.urlencode(q))
        r = c.getresponse()
        buf = b""
        try:
            while True:
                chunk = r.read1(65536) if hasattr(r, "read1") else r.read(1)
                if not chunk:
                    return
                buf += chunk
                while b"\n" in buf:
                    line, buf = buf.split(b"\n", 1)
                    if line.strip():
                        yield json.loads(line)
        finally:
            c.close()
