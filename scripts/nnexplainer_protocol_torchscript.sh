#!/usr/bin/env bash
# NN-Explainer for an imported TorchScript classifier (docs/nn-explainer.md): per seed S the PartShapes export of seed S
# (`xai4j export`), a torchvision ResNet-18 trained on it by scripts/train_torchvision_partshapes.py (5 epochs, seed S,
# Debian's python3-torch), an explainer with the default network trained for it on the first TRAIN training and VAL
# validation images (early stopping, patience 5, at most EPOCHS epochs, explainer seed 42 + S), `nnexplainer evaluate`
# on the first 100 test images next to Grad-CAM and RISE (500 masks), and `bench` at batch 32 (RISE last: one call of
# 32 images takes about 90 s on the 2-core machine, more than bench's time budget leaves, so its rate is that call's).
#   scripts/nnexplainer_protocol_torchscript.sh OUT_DIR TRAIN VAL EPOCHS SEED [SEED ...]
#   python3 scripts/nnexplainer_protocol_table.py OUT_DIR
# XAI4J: the command to run (default: the launcher ./xai4j); PYTHON: a python3 with torch and torchvision (/usr/bin/python3).
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$1"; ntrain="$2"; nval="$3"; epochs="$4"; shift 4
mkdir -p "$out/logs" && cd "$out"
X="${XAI4J:-$root/xai4j}"
PY="${PYTHON:-/usr/bin/python3}"
source "$root/scripts/protocol_step.sh"
for s in "$@"; do
  mkdir -p "s$s"
  [ -f "s$s/data/metadata.json" ] || step "export-s$s" "$X" export --seed "$s" --out "s$s/data"
  [ -f "s$s/resnet18.pt" ] || step "resnet18-s$s" "$PY" "$root/scripts/train_torchvision_partshapes.py" --data "s$s/data" --epochs 5 \
    --seed "$s" --out "s$s/resnet18.pt"
  ts=(--torchscript "s$s/resnet18.pt" --input-size 64)
  data=(--dataset folder --data-dir "s$s/data")
  # always run: the explainer file is also the checkpoint, so a killed run resumes and a finished one returns at once
  step "explainer-s$s" "$X" nnexplainer train "${ts[@]}" "${data[@]}" --max-train-images "$ntrain" \
    --max-val-images "$nval" --max-epochs "$epochs" --explainer-seed $((42 + s)) --output "s$s/explainer.xai4j"
  [ -f "s$s/eval/metrics.json" ] || step "eval-s$s" "$X" nnexplainer evaluate "${ts[@]}" "${data[@]}" --explainer "s$s/explainer.xai4j" \
    --images 100 --baseline-methods gradcam,rise --rise-masks 500 --output-dir "s$s/eval"
  classes=$(ls "s$s/data/train" | paste -sd, -)   # bench takes a TorchScript model's class names from --classes
  [ -f "s$s/bench.json" ] || step "bench-s$s" "$X" bench "${ts[@]}" --classes "$classes" --explainer "s$s/explainer.xai4j" \
    --methods gradcam,nnexplainer,rise --rise-masks 500 --batch-sizes 32 --seconds 240 --output "s$s/bench.json"
done
echo "$(date -u +%H:%M:%S) all done" >> logs/queue.log
