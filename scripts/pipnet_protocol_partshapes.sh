#!/usr/bin/env bash
# The PIP-Net protocol on PartShapes (docs/methods/pipnet.md#protocol-on-partshapes; figures in docs/pipnet.md):
# 3 black boxes, 3 PIP-Nets from their backbones (pretrained start) and 3 from scratch (10 + 40 epochs), each evaluated
# (far OOD, near-OOD diagnostic, purity under both rules). Two workers, one PyTorch thread each.
#   scripts/pipnet_protocol_partshapes.sh OUT_DIR      (needs the jar: ./mvnw -B -ntp -DskipTests package)
#   python3 scripts/pipnet_protocol_table.py OUT_DIR   (the tables of docs/pipnet.md)
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$1"; mkdir -p "$out/logs" && cd "$out"
J="java -Xmx3g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 -jar $root/xai4j-cli/target/xai4j.jar"
export OMP_NUM_THREADS=1
source "$root/scripts/protocol_step.sh"
bb()  { step "bb-s$1" $J pipnet baseline --dataset partshapes --epochs 15 --seed "$1" --output "bb-s$1/blackbox.xai4j" --output-dir "bb-s$1"; }
pre() { while [ ! -f "bb-s$1/blackbox.xai4j" ]; do sleep 10; done
        step "pre-s$1" $J pipnet train --dataset partshapes --pretrain-epochs 10 --epochs 40 --seed "$1" \
          --backbone-init "bb-s$1/blackbox.xai4j" --output "pre-s$1/pipnet.xai4j"
        step "eval-pre-s$1" $J pipnet evaluate --model "pre-s$1/pipnet.xai4j" --output-dir "pre-s$1/eval"; }
scr() { step "scratch-s$1" $J pipnet train --dataset partshapes --pretrain-epochs 10 --epochs 40 --seed "$1" --output "scratch-s$1/pipnet.xai4j"
        step "eval-scratch-s$1" $J pipnet evaluate --model "scratch-s$1/pipnet.xai4j" --output-dir "scratch-s$1/eval"; }
( bb 0; pre 0; scr 1; pre 2 ) &
( bb 1; bb 2; pre 1; scr 0; scr 2 ) &
wait
echo "$(date -u +%H:%M:%S) all done" >> logs/queue.log
