"""Tables of docs/nn-explainer.md from scripts/nnexplainer_protocol_partshapes.sh's folder: per method the mean +- std
over the seeds found (sample std, n - 1) of the mask metrics, the diagonal check of the class-specific table and its
diagonal / off-diagonal means; the explainer's class-specific table averaged over the seeds; the bench's images/s.

    python3 scripts/nnexplainer_protocol_table.py OUT_DIR
"""
import glob
import json
import os
import statistics
import sys

from protocol_tables import ms


def main(out):
    runs = {}
    for f in sorted(glob.glob(os.path.join(out, "s*", "eval", "metrics.json"))):
        runs[int(os.path.basename(os.path.dirname(os.path.dirname(f)))[1:])] = json.load(open(f))
    if not runs:
        sys.exit("no s*/eval/metrics.json under " + out)
    seeds = sorted(runs)
    print("seeds:", seeds)
    for s in seeds:
        log = os.path.join(out, "logs", "explainer-s%d.log" % s)
        if os.path.exists(log):
            lines = [l.strip() for l in open(log) if "best epoch" in l or "best validation" in l]
            print("seed %d: %s" % (s, lines[-1] if lines else "?"))
    keys = ["continuousIou", "discreteIou", "softAccuracy", "mae", "saliency", "area"]
    print("| method | " + " | ".join(keys) + " | diagonal largest (seeds) | diagonal / off-diagonal (%) |")
    print("|---" * (len(keys) + 3) + "|")
    for method in runs[seeds[0]]["methods"]:
        rows = [runs[s]["methods"][method] for s in seeds]
        cells = [ms([r[k]["mean"] for r in rows], digits=3) for k in keys]
        dom = sum(1 for r in rows if r["classSpecific"]["diagonalLargest"])
        diag = ms([r["classSpecific"]["diagonalMean"] for r in rows], 100, 2)
        off = ms([r["classSpecific"]["offDiagonalMean"] for r in rows], 100, 2)
        print("| %s | %s | %d of %d | %s / %s |" % (method, " | ".join(cells), dom, len(seeds), diag, off))
    print()
    for method in runs[seeds[0]]["methods"]:
        t0 = runs[seeds[0]]["methods"][method]["classSpecific"]
        print("class-specific table, %s (%%, mean over seeds; rows: images of class t; columns: mask class, none)" % method)
        print("| t \\ k | " + " | ".join(t0["columns"]) + " |")
        print("|---" * (len(t0["columns"]) + 1) + "|")
        for r, name in enumerate(t0["rows"]):
            cells = []
            for c in range(len(t0["columns"])):
                vals = [runs[s]["methods"][method]["classSpecific"]["softmax"][r][c] for s in seeds]
                v = statistics.mean(vals) * 100
                cells.append(("**%.2f**" if c == r else "%.2f") % v)
            print("| %s | %s |" % (name, " | ".join(cells)))
        print()
    print("bench (batch 32, images/s per seed):")
    for s in seeds:
        f = os.path.join(out, "s%d" % s, "bench.json")
        if os.path.exists(f):
            rows = json.load(open(f))["rows"]
            print("seed %d: " % s + ", ".join("%s %.1f" % (r["method"], r["imagesPerSecond"] or float("nan")) for r in rows))


if __name__ == "__main__":
    main(sys.argv[1])
