"""The Fashion-MNIST table of docs/scouter.md from scripts/scouter_protocol_fmnist.sh's folder: per model (FC baseline,
SCOUTER+ and SCOUTER- at lambda 1) the test top-1 of each seed, read from the training logs, and the mean +- sample std
(n - 1) over the seeds found, with the gap to the FC baseline in points.

    python3 scripts/scouter_protocol_fmnist_table.py OUT_DIR
"""
import glob
import os
import re
import sys

from protocol_tables import ms


def read(path, pattern):
    if not os.path.exists(path):
        return None
    m = re.findall(pattern, open(path).read())
    return float(m[-1]) if m else None


def main(out):
    seeds = sorted(int(re.search(r"pos-l1-s(\d+)\.log$", f).group(1)) for f in glob.glob(os.path.join(out, "logs", "pos-l1-s*.log")))
    if not seeds:
        sys.exit("no logs/pos-l1-s*.log under " + out)
    rows = {"FC baseline": {}, "SCOUTER+ λ 1": {}, "SCOUTER− λ 1": {}}
    for s in seeds:
        pos = os.path.join(out, "logs", "pos-l1-s%d.log" % s)
        neg = os.path.join(out, "logs", "neg-l1-s%d.log" % s)
        rows["FC baseline"][s] = read(pos, r"FC baseline test accuracy ([0-9.]+)")
        rows["SCOUTER+ λ 1"][s] = read(pos, r"scouter\+ test accuracy ([0-9.]+)")
        rows["SCOUTER− λ 1"][s] = read(neg, r"scouter- test accuracy ([0-9.]+)")
    fc = rows["FC baseline"]
    print("| model | top-1 | gap (points) | per seed (%s) |" % " / ".join(str(s) for s in seeds))
    print("|---|---|---|---|")
    for name, per in rows.items():
        gaps = [None if per.get(s) is None or fc.get(s) is None else fc[s] - per[s] for s in seeds]
        gap = "–" if name == "FC baseline" else ms(gaps, 100, 1)
        print("| %s | %s | %s | %s |" % (name, ms([per.get(s) for s in seeds]), gap,
                                         " / ".join("n/a" if per.get(s) is None else "%.4f" % per[s] for s in seeds)))


if __name__ == "__main__":
    main(sys.argv[1])
