#!/usr/bin/env bash
# A lever of docs/methods/scouter.md tried on the PartShapes protocol's own FC baselines (docs/scouter.md): per seed,
# SCOUTER+ and SCOUTER- at lambda 1 trained again from OUT_DIR/sS/pos-l1-baseline.xai4j (written by
# scripts/scouter_protocol_partshapes.sh) with the extra `scouter train` options given after --, as sS/pos-l1-TAG.xai4j
# and sS/neg-l1-TAG.xai4j, then `scouter evaluate` of the two on the first IMAGES test images into sS/eval-TAG.
#   scripts/scouter_lever_partshapes.sh OUT_DIR TAG IMAGES SEED [SEED ...] -- OPTION [OPTION ...]
#   python3 scripts/scouter_protocol_table.py OUT_DIR eval-TAG
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$1"; tag="$2"; images="$3"; shift 3
seeds=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do seeds+=("$1"); shift; done
[ $# -gt 0 ] && shift
extra=("$@")
cd "$out" && mkdir -p logs
X="${XAI4J:-$root/xai4j}"   # XAI4J: another command, e.g. a wrapper around a copy of the jar
source "$root/scripts/protocol_step.sh"
for s in "${seeds[@]}"; do
  [ -f "s$s/pos-l1-baseline.xai4j" ] || { echo "no s$s/pos-l1-baseline.xai4j in $out: run scripts/scouter_protocol_partshapes.sh first" >&2; exit 2; }
  [ -f "s$s/pos-l1-$tag.xai4j" ] || step "pos-l1-$tag-s$s" "$X" scouter train --dataset partshapes --seed "$s" --lambda 1 \
    --backbone "s$s/pos-l1-baseline.xai4j" "${extra[@]}" --output "s$s/pos-l1-$tag.xai4j"
  [ -f "s$s/neg-l1-$tag.xai4j" ] || step "neg-l1-$tag-s$s" "$X" scouter train --negative --dataset partshapes --seed "$s" --lambda 1 \
    --backbone "s$s/pos-l1-baseline.xai4j" "${extra[@]}" --output "s$s/neg-l1-$tag.xai4j"
  [ -f "s$s/eval-$tag/metrics.json" ] || step "eval-$tag-s$s" "$X" scouter evaluate --model "s$s/pos-l1-$tag.xai4j,s$s/neg-l1-$tag.xai4j" \
    --images "$images" --seed "$s" --output-dir "s$s/eval-$tag"
done
echo "$(date -u +%H:%M:%S) $tag done" >> logs/queue.log
