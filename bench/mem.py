"""Memory: Baton's RSS (VmRSS), peak RSS (VmHWM) and Java heap in use at idle, taken after a
full GC would hide the real footprint, so the heap figure is as found (jcmd GC.heap_info)."""

from common import heap_used_mib, proc_status, write_result


def run(env):
    pid = int(open(env["BATON_PID_FILE"]).read().strip())
    st = proc_status(pid)
    result = {"idle": {"rss_mib": round(st["VmRSS"], 1), "rss_peak_mib": round(st["VmHWM"], 1),
                       "heap_used_mib": heap_used_mib(pid), "pid": pid}}
    write_result("mem", result)
    return result


def table(r):
    i = r["idle"]
    return "\n".join(["| Baton at idle | RSS | peak RSS (VmHWM) | heap used |", "|---|---|---|---|",
                      f"| | {i['rss_mib']:.0f} MiB | {i['rss_peak_mib']:.0f} MiB | "
                      f"{(i['heap_used_mib'] or 0):.0f} MiB |",
                      "", "Under load: see P3 (RSS peak, heap max)."])
