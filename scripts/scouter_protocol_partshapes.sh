#!/usr/bin/env bash
# The SCOUTER protocol on PartShapes (docs/methods/scouter.md, §10; figures in docs/scouter.md): per seed the FC baseline
# and SCOUTER+ at lambda 1 (one command, use_pre), SCOUTER+ at lambda 3 and 10 and SCOUTER- at lambda 1 on the same
# baseline file, then `scouter evaluate` of the four on the first IMAGES test images (Grad-CAM and RISE on the baseline).
# One process at a time, PyTorch's default threads, the launcher's settings.
#   scripts/scouter_protocol_partshapes.sh OUT_DIR IMAGES SEED [SEED ...]   (needs the jar: ./mvnw -B -ntp -DskipTests package)
#   python3 scripts/scouter_protocol_table.py OUT_DIR                      (the tables of docs/scouter.md)
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$1"; images="$2"; shift 2
mkdir -p "$out/logs" && cd "$out"
X="${XAI4J:-$root/xai4j}"   # XAI4J: another command, e.g. a wrapper around a copy of the jar
source "$root/scripts/protocol_step.sh"
for s in "$@"; do
  [ -f "s$s/pos-l1.xai4j" ] || step "pos-l1-s$s" "$X" scouter train --dataset partshapes --seed "$s" --lambda 1 --output "s$s/pos-l1.xai4j"
  for l in 3 10; do
    [ -f "s$s/pos-l$l.xai4j" ] || step "pos-l$l-s$s" "$X" scouter train --dataset partshapes --seed "$s" --lambda "$l" \
      --backbone "s$s/pos-l1-baseline.xai4j" --output "s$s/pos-l$l.xai4j"
  done
  [ -f "s$s/neg-l1.xai4j" ] || step "neg-l1-s$s" "$X" scouter train --negative --dataset partshapes --seed "$s" --lambda 1 \
    --backbone "s$s/pos-l1-baseline.xai4j" --output "s$s/neg-l1.xai4j"
  [ -f "s$s/eval/metrics.json" ] || step "eval-s$s" "$X" scouter evaluate --model "s$s/pos-l1.xai4j,s$s/pos-l3.xai4j,s$s/pos-l10.xai4j,s$s/neg-l1.xai4j" \
    --images "$images" --seed "$s" --output-dir "s$s/eval"
done
echo "$(date -u +%H:%M:%S) all done" >> logs/queue.log
