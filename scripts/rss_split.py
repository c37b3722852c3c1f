#!/usr/bin/env python3
"""Samples a process's resident set every second from /proc/PID/smaps, split into the Java heap (anonymous mappings
between 2 GB and 32 GB, where a compressed-oops heap lives), 64 MB malloc arenas, other anonymous memory and file
mappings (docs/images.md, "Peak memory of the demo"). usage: rss_split.py PID OUT.tsv (stops when the process ends)"""
import sys, time, os, re
pid, out = sys.argv[1], sys.argv[2]
def split():
    heap = arenas = anon = files = 0
    cur = None
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
                parts = line.split()
                a, b = (int(x, 16) for x in parts[0].split("-"))
                path = parts[5] if len(parts) > 5 else ""
                cur = (b - a, path, a)
            elif line.startswith("Rss:"):
                kb = int(line.split()[1]); size, path, start = cur
                if path == "":
                    if 0x80000000 <= start < 0x800000000: heap += kb
                    elif (1 << 26) - (1 << 20) <= size <= (1 << 26): arenas += kb
                    else: anon += kb
                else: files += kb
    return heap, arenas, anon, files
with open(out, "w") as o:
    o.write("t\trss_kb\theap_kb\tarenas_kb\tother_anon_kb\tfile_kb\n")
    t0 = time.time()
    while os.path.exists(f"/proc/{pid}"):
        try:
            h, a, n, fl = split()
            rss = int(re.search(r"VmRSS:\s+(\d+)", open(f"/proc/{pid}/status").read()).group(1))
        except Exception:
            break
        o.write(f"{time.time()-t0:.0f}\t{rss}\t{h}\t{a}\t{n}\t{fl}\n"); o.flush()
        time.sleep(1)
