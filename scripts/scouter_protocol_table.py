"""Tables of docs/scouter.md from scripts/scouter_protocol_partshapes.sh's folder: per model (FC baseline, SCOUTER+ at
lambda 1 / 3 / 10, SCOUTER- at lambda 1) the mean +- std over the seeds found (sample std, n - 1) of test top-1 and of
scouter evaluate's explanation metrics, then the common method x metric table (SCOUTER's own maps, Grad-CAM and RISE on
the FC baseline), then each seed's row.

    python3 scripts/scouter_protocol_table.py OUT_DIR [EVAL_NAME]   (EVAL_NAME: the evaluation folder per seed, default eval;
                                                                    eval-TAG for scripts/scouter_lever_partshapes.sh)
"""
import glob
import json
import os
import statistics
import sys

from protocol_tables import ms


def main(out, eval_name="eval"):
    runs = {}
    for f in sorted(glob.glob(os.path.join(out, "s*", eval_name, "metrics.json"))):
        seed = os.path.basename(os.path.dirname(os.path.dirname(f)))[1:]
        runs[int(seed)] = json.load(open(f))
    if not runs:
        sys.exit("no s*/%s/metrics.json under %s" % (eval_name, out))
    seeds = sorted(runs)
    print("seeds:", seeds, "images:", sorted({r["images"] for r in runs.values()}))
    keys = ["area", "precision", "chance", "insertionAuc", "deletionAuc", "trueClassArea", "otherClassArea"]
    print("| model | top-1 | gap to FC (points) | " + " | ".join(keys) + " |")
    print("|---" * (3 + len(keys)) + "|")
    fc = [r["baseline"]["top1"] for r in runs.values()]
    print("| FC baseline | %s | – |%s" % (ms(fc), " – |" * len(keys)))
    n_models = len(runs[seeds[0]]["scouter"])
    for k in range(n_models):
        rows = [runs[s]["scouter"][k] for s in seeds]
        name = "%s λ %g" % (rows[0]["variant"], rows[0]["lambda"])
        gaps = [100 * (runs[s]["baseline"]["top1"] - runs[s]["scouter"][k]["top1"]) for s in seeds]
        gap = "%.1f ± %.1f" % (statistics.mean(gaps), statistics.stdev(gaps)) if len(gaps) > 1 else "%.1f" % gaps[0]
        print("| %s | %s | %s | %s |" % (name, ms([r["top1"] for r in rows]), gap,
                                        " | ".join(ms([r["summary"][key] for r in rows]) for key in keys)))
    print()
    metrics = ["pointing_game", "energy_pointing_game", "iou_top20", "distractor_rate", "gini", "deletion_auc", "insertion_auc"]
    print("| model | method | " + " | ".join(metrics) + " |")
    print("|---" * (2 + len(metrics)) + "|")
    for t in range(len(runs[seeds[0]]["bench"])):
        for method in runs[seeds[0]]["bench"][t]["methods"]:
            cells = []
            for m in metrics:
                vals = []
                for s in seeds:
                    e = runs[s]["bench"][t]["methods"].get(method, {}).get(m)
                    vals.append(None if e is None else e.get("mean"))
                cells.append(ms(vals))
            model = runs[seeds[0]]["bench"][t]["model"].split(" (")[0]
            if runs[seeds[0]]["scouter"] and t < n_models:
                model += " λ %g" % runs[seeds[0]]["scouter"][t]["lambda"]
            print("| %s | %s | %s |" % (model, method, " | ".join(cells)))
    print()
    print("per seed: top-1 (FC, then each model) and area")
    for s in seeds:
        r = runs[s]
        print("seed %d: FC %.4f; " % (s, r["baseline"]["top1"]) + "; ".join(
            "%s λ %g %.4f (area %.3f, precision %.3f, chance %.3f)" % (m["variant"], m["lambda"], m["top1"], m["summary"]["area"],
                                                                       m["summary"]["precision"], m["summary"]["chance"])
            for m in r["scouter"]))


if __name__ == "__main__":
    main(*sys.argv[1:3])
