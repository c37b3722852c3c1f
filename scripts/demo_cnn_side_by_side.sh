#!/usr/bin/env bash
# The demo CNN (SmallResNet, 64 px, 6 classes) under two malloc settings, alternated round after round, one process at
# a time: `xai4j bench` (forward and Grad-CAM at batch 1 and 32, seeded weights, random inputs) and `xai4j train
# --dataset partshapes --epochs 2` (3,000 training images, the whole command's wall time). docs/images.md, "Forward speed".
#
#   scripts/demo_cnn_side_by_side.sh ROUNDS SECONDS > out/demo-cnn.tsv
#
# Candidates: before  MALLOC_ARENA_MAX=2 alone (the launcher until issue 21)
#             after   MALLOC_ARENA_MAX=1 with MALLOC_MMAP_THRESHOLD_ / MALLOC_TRIM_THRESHOLD_ raised (the launcher since)
# Prints: round, candidate, forward and Grad-CAM images/s at batch 1 and 32, training wall seconds, its peak RSS in kB.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="$1"; seconds="$2"
jar="$root/xai4j-cli/target/xai4j.jar"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
java=(java -Xmx6g -XX:+UseSerialGC -Dai.djl.offline=true -jar "$jar")
printf 'round\tcandidate\tforward_b1\tgradcam_b1\tforward_b32\tgradcam_b32\ttrain_wall_s\ttrain_peak_rss_kb\n'
for round in $(seq 1 "$rounds"); do
  for c in before after; do
    if [ "$c" = before ]; then env=(MALLOC_ARENA_MAX=2); else env=(MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=1073741824 MALLOC_TRIM_THRESHOLD_=4294967296); fi
    env "${env[@]}" "${java[@]}" bench --methods gradcam --batch-sizes 1,32 --seconds "$seconds" --output "$tmp/bench.json" > /dev/null 2>&1
    rates="$(/usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["rows"]; print("\t".join("%.1f" % x["imagesPerSecond"] for x in r))' "$tmp/bench.json")"
    rm -rf "$tmp/model"
    /usr/bin/time -f '%e %M' -o "$tmp/time" env "${env[@]}" "${java[@]}" train --dataset partshapes --epochs 2 --output "$tmp/model/m.xai4j" > /dev/null 2>&1
    read -r wall rss < "$tmp/time"
    printf '%s\t%s\t%s\t%s\t%s\n' "$round" "$c" "$rates" "$wall" "$rss"
  done
done
