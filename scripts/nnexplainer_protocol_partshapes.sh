#!/usr/bin/env bash
# NN-Explainer on PartShapes (docs/nn-explainer.md): per seed S the demo CNN (`train --epochs 12 --flip --seed S`, data
# seed S), an explainer with the default network (4 levels, width 32) trained on the first TRAIN training and VAL
# validation images (early stopping, patience 5, at most EPOCHS epochs, explainer seed 42 + S), then `nnexplainer
# evaluate` on the first 100 test images next to Grad-CAM and RISE (500 masks), and `bench` at batch 32.
#   scripts/nnexplainer_protocol_partshapes.sh OUT_DIR TRAIN VAL EPOCHS SEED [SEED ...]
#   python3 scripts/nnexplainer_protocol_table.py OUT_DIR
# XAI4J: the command to run (default: the launcher ./xai4j).
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$1"; ntrain="$2"; nval="$3"; epochs="$4"; shift 4
mkdir -p "$out/logs" && cd "$out"
X="${XAI4J:-$root/xai4j}"
source "$root/scripts/protocol_step.sh"
for s in "$@"; do
  [ -f "s$s/cnn.xai4j" ] || step "cnn-s$s" "$X" train --dataset partshapes --epochs 12 --flip --seed "$s" --output "s$s/cnn.xai4j"
  [ -f "s$s/explainer.xai4j" ] || step "explainer-s$s" "$X" nnexplainer train --model "s$s/cnn.xai4j" --max-train-images "$ntrain" \
    --max-val-images "$nval" --max-epochs "$epochs" --explainer-seed $((42 + s)) --output "s$s/explainer.xai4j"
  [ -f "s$s/eval/metrics.json" ] || step "eval-s$s" "$X" nnexplainer evaluate --model "s$s/cnn.xai4j" --explainer "s$s/explainer.xai4j" \
    --images 100 --baseline-methods gradcam,rise --rise-masks 500 --output-dir "s$s/eval"
  [ -f "s$s/bench.json" ] || step "bench-s$s" "$X" bench --model "s$s/cnn.xai4j" --explainer "s$s/explainer.xai4j" \
    --methods gradcam,rise,nnexplainer --rise-masks 500 --batch-sizes 32 --seconds 60 --output "s$s/bench.json"
done
echo "$(date -u +%H:%M:%S) all done" >> logs/queue.log
