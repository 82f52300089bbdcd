"""Baton's benchmarks: `scripts/bench [p1|p2|p3|p4|p4r|lb|plan|placement|mem ...] [--runs N]`.

Each benchmark prints a table and writes bench/results/<name>.json. Figures are the median of
the runs with min and max; P1's contenders are interleaved run by run.
"""

import argparse
import os
import signal
import sys

from common import load_env

ALL = ["mem", "p1", "p2", "p4", "p3", "lb", "plan"]


def main():
    ap = argparse.ArgumentParser(prog="scripts/bench", description=__doc__)
    ap.add_argument("which", nargs="*", default=ALL, help=f"any of {ALL} (default: all)")
    ap.add_argument("--runs", type=int, default=5, help="runs per figure (P1, P4); default 5")
    ap.add_argument("--monitor", type=float, default=5, help="P1 monitor window, s (default 5)")
    ap.add_argument("--health-timeout", type=int, default=1,
                    help="P1 health-check timeout, s, for every contender (default 1)")
    ap.add_argument("--only", nargs="*", help="P1: contenders to run (baton swarm direct)")
    ap.add_argument("--deploys", type=int, default=50, help="P2: deployments (default 50)")
    ap.add_argument("--hollow", type=int, default=20, help="P3: hollow hosts (default 20)")
    ap.add_argument("--apps", type=int, default=200, help="P3: concurrent rollouts (default 200)")
    ap.add_argument("--steps", default="", help="P3 knee: concurrency steps, e.g. 50,100,200,400")
    ap.add_argument("--plans", type=int, default=200, help="PLAN: requests each (default 200)")
    ap.add_argument("--latency-ms", type=float, default=5, help="P3: hollow API latency")
    ap.add_argument("--error-rate", type=float, default=0.0, help="P3: hollow API error rate")
    args = ap.parse_args()
    # A SIGTERM (e.g. from `timeout`) unwinds like an exception, so clean-ups in `finally` run.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.runs < 1:
        ap.error("--runs must be >= 1")
    env = load_env(os.environ.get("BATON_STACK_ENV", ".stack-bench/env"))
    tables = []
    for which in args.which:
        if which == "p1":
            import p1

            r = p1.run(env, args.runs, args.monitor, args.only, args.health_timeout)
            tables.append(("P1 rolling update, 12 replicas, batches of 3, start-first", p1.table(r)))
        elif which == "p2":
            import p2

            r = p2.run(env, args.deploys)
            tables.append(("P2 POST accepted -> first container started", p2.table(r)))
        elif which == "p4":
            import p4

            r = p4.run(env, args.runs)
            tables.append(("P4 kill -9 mid-rollout -> next Docker call", p4.table(r)))
        elif which == "p4r":
            import p4r

            r = p4r.run(env, args.runs)
            tables.append(("P4R two replicas: kill -9 of the one running a rollout", p4r.table(r)))
        elif which == "p3":
            import p3

            r = p3.run(env, args)
            tables.append(("P3 hollow hosts", p3.table(r)))
        elif which == "lb":
            import lb

            r = lb.run(env, args.runs)
            tables.append(("LB balancer cost and reaction", lb.table(r)))
        elif which == "plan":
            import plan

            r = plan.run(env, args.plans)
            tables.append(("PLAN POST /apps/{app}/plan, 10 services", plan.table(r)))
        elif which == "placement":
            import placement

            r = placement.run()
            tables.append(("PLACEMENT one Scheduler.place decision", placement.table(r)))
        elif which == "mem":
            import mem

            r = mem.run(env)
            tables.append(("Memory", mem.table(r)))
        else:
            ap.error(f"unknown benchmark {which}")
    for title, t in tables:
        print(f"\n## {title}\n\n{t}")


if __name__ == "__main__":
    sys.exit(main())
