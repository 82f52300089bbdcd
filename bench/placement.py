"""PLACEMENT: the time of one placement decision at 500 and 1,000 hosts with 5,000 instances.

Runs `PlacementBenchmark` (workflows' test sources) with Maven's exec plugin: Baton's own
`Scheduler.place`, in process, on a fleet made in memory (no stack needed). Swarm 1.0's published
figure (400 ms p99 over 1,000 nodes) is a reference only, not measured here.
"""

import json
import os
import subprocess

from common import REPO, write_result


def run(sizes=(500, 1000)):
    subprocess.run(["mvn", "-B", "-q", "-pl", "workflows", "test-compile"], cwd=REPO, check=True)
    out = subprocess.run(
        ["mvn", "-B", "-q", "-pl", "workflows",
         "org.codehaus.mojo:exec-maven-plugin:3.5.0:java", "-Dexec.classpathScope=test",
         "-Dexec.mainClass=dev.baton.workflows.instance.PlacementBenchmark",
         f"-Dexec.args={' '.join(str(s) for s in sizes)}"],
        cwd=REPO, check=True, capture_output=True, text=True)
    # Maven may put colour codes before a line.
    rows = [json.loads(line[line.index("{"):]) for line in out.stdout.splitlines() if "{" in line]
    result = {"load_avg_1m": round(os.getloadavg()[0], 1), "sizes": rows}
    write_result("placement", result)
    return result


def table(r):
    out = [f"load average {r['load_avg_1m']}", "",
           "| hosts | instances | p50 | p99 | max |", "|---|---|---|---|---|"]
    for s in r["sizes"]:
        out.append(f"| {s['hosts']} | {s['instances']} | {s['p50_ms']:.2f} ms |"
                   f" {s['p99_ms']:.2f} ms | {s['max_ms']:.2f} ms |")
    return "\n".join(out)
