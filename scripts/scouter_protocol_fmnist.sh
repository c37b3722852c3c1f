#!/usr/bin/env bash
# The SCOUTER protocol on Fashion-MNIST (docs/methods/scouter.md; figures in docs/scouter.md): per seed the FC baseline and
# SCOUTER+ at lambda 1 (one command, use_pre), then SCOUTER- at lambda 1 on the same baseline file. Every SCOUTER+ run
# first, then the SCOUTER- runs, so that the positive models of every seed exist first. Top-1 is read from the logs.
# One process at a time, PyTorch's default threads, the launcher's settings.
#   scripts/scouter_protocol_fmnist.sh OUT_DIR SEED [SEED ...]   (needs the jar: ./mvnw -B -ntp -DskipTests package)
#   python3 scripts/scouter_protocol_fmnist_table.py OUT_DIR     (the table of docs/scouter.md)
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$1"; shift
mkdir -p "$out/logs" && cd "$out"
X="${XAI4J:-$root/xai4j}"   # XAI4J: another command, e.g. a wrapper around a copy of the jar
source "$root/scripts/protocol_step.sh"
for s in "$@"; do
  [ -f "s$s/pos-l1.xai4j" ] || step "pos-l1-s$s" "$X" scouter train --dataset fashion-mnist --seed "$s" --lambda 1 \
    --output "s$s/pos-l1.xai4j"
done
for s in "$@"; do
  [ -f "s$s/neg-l1.xai4j" ] || step "neg-l1-s$s" "$X" scouter train --negative --dataset fashion-mnist --seed "$s" --lambda 1 \
    --backbone "s$s/pos-l1-baseline.xai4j" --output "s$s/neg-l1.xai4j"
done
echo "$(date -u +%H:%M:%S) all done" >> logs/queue.log
