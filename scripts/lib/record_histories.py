#!/usr/bin/env python3
"""Picks one workflow history per code path from a Temporal server and writes it for ReplayTest.

Run after the integration tests on a stack that runs the build to protect (docs/versioning.md):
    KEEP_STACK=1 BATON_TEST_SKIP_UNIT=1 scripts/test; python3 scripts/lib/record_histories.py
Each path is found by what the history says (its payloads decoded), not by test names.
"""
import base64
import json
import os
import re
import subprocess
import sys

ADDRESS = os.environ.get("TEMPORAL_ADDRESS", "127.0.0.1:17233")
OUT = os.path.join(os.path.dirname(__file__), "../../workflows/src/test/resources/histories")
LIMIT = 400  # runs listed per workflow type: bounded


def temporal(*args):
    cmd = ["temporal", *args, "--address", ADDRESS, "-o", "json"]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def runs(workflow_type, statuses):
    wanted = " OR ".join(f"ExecutionStatus='{s}'" for s in statuses)
    query = f"WorkflowType='{workflow_type}' AND ({wanted})"
    out = temporal("workflow", "list", "-q", query, "--limit", str(LIMIT))
    rows = json.loads(out) if out.strip().startswith("[") else [json.loads(l) for l in out.splitlines() if l.strip()]
    return [(r["execution"]["workflowId"], r["execution"]["runId"]) for r in rows]


def history(workflow_id, run_id):
    return json.loads(temporal("workflow", "show", "-w", workflow_id, "-r", run_id))


def text(node):
    """Every payload of the history decoded, as one string to search."""
    found = []

    def walk(n):
        if isinstance(n, dict):
            data = n.get("data")
            if isinstance(data, str) and "metadata" in n:
                try:
                    found.append(base64.b64decode(data).decode("utf-8", "replace"))
                except ValueError:
                    pass
            for v in n.values():
                walk(v)
        elif isinstance(n, list):
            for v in n:
                walk(v)

    walk(node)
    return "\n".join(found)


def event_types(h):
    return [e["eventType"] for e in h["events"]]


DONE = ["Completed"]
CONTROLLER = ["ContinuedAsNew", "Running", "Terminated"]

# file -> (workflow type, statuses, test on (history, decoded text))
PATHS = {
    "deploy-window.json": (
        "DeployWorkflow", DONE, lambda h, t: re.search(r"[2-9] at a time, start_first", t)),
    "deploy-host-lost.json": ("DeployWorkflow", DONE, lambda h, t: "is unreachable, " in t),
    "rollback.json": ("RollbackWorkflow", DONE, lambda h, t: "service.done" in t),
    "scale.json": ("ScaleWorkflow", DONE, lambda h, t: "service.scale" in t),
    "app-self-healing.json": (
        "AppWorkflow", CONTROLLER,
        lambda h, t: "reconcile.replace" in t or "reconcile.restart" in t),
    "app-continue-as-new.json": (
        "AppWorkflow", ["ContinuedAsNew"],
        lambda h, t: event_types(h).count("EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED") >= 3),
}


def main(wanted):
    missing = []
    for name, (wf_type, statuses, test) in PATHS.items():
        if wanted and name not in wanted:
            continue
        picked = None
        for wid, rid in runs(wf_type, statuses):
            h = history(wid, rid)
            if test(h, text(h)):
                picked = (wid, rid, h)
                break
        if picked is None:
            missing.append(name)
            print(f"{name}: no {'/'.join(statuses)} {wf_type} run matches", file=sys.stderr)
            continue
        with open(os.path.join(OUT, name), "w") as f:
            json.dump(picked[2], f)
        print(f"{name}: {picked[0]} {picked[1]} ({len(picked[2]['events'])} events)")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
