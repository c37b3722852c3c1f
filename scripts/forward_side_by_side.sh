#!/usr/bin/env bash
# Times the forward pass of one TorchScript export in PyTorch (scripts/bench_pytorch_forward.py) and in xai4j
# (`xai4j bench --torchscript`, forward + Grad-CAM) under several settings, alternating the candidates round after round,
# one process at a time, so that the machine's load affects all of them alike (docs/images.md, "Forward speed").
#
#   scripts/forward_side_by_side.sh out/resnet18-seed0.pt ROUNDS SECONDS BATCH [CANDIDATE ...] > out/side-by-side.tsv
#
# Prints one tab-separated line per run: round, candidate, batch, forward images/s, Grad-CAM images/s (xai4j only),
# user+sys CPU seconds and minor page faults of the whole process (GNU time), which the machine's load changes
# much less than the wall-clock figures. Needs the jar (./mvnw -B -q -ntp -o -DskipTests package) and Debian's
# python3-torch. Candidates (default: all):
#   py-default py-malloc          PyTorch, 2 intra-op threads, glibc malloc defaults / MMAP and TRIM thresholds raised
#   xai4j-plain xai4j-malloc      xai4j (2 intra-op threads), plain `java -jar` / the same thresholds raised
#   xai4j-malloc-arena1           ... and MALLOC_ARENA_MAX=1 (the launcher's settings)
#   xai4j-malloc-arena1-noopt     ... and -Dai.djl.pytorch.graph_optimizer=false
#   xai4j-malloc-arena1-interop1  ... and -Dai.djl.pytorch.num_interop_threads=1
#   xai4j-malloc-arena1-passive   ... and OMP_WAIT_POLICY=PASSIVE
#   xai4j-arena1 xai4j-arena2     MALLOC_ARENA_MAX=1 / 2 alone, glibc's thresholds at their defaults
#   xai4j-malloc-arena2           the thresholds raised and MALLOC_ARENA_MAX=2
#   xai4j-launcher                ./xai4j as it is run (the launcher's environment and JVM options)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="$1"; rounds="$2"; seconds="$3"; batch="$4"; shift 4
candidates=("$@")
[ ${#candidates[@]} -gt 0 ] || candidates=(py-default py-malloc xai4j-plain xai4j-malloc xai4j-malloc-arena1 xai4j-malloc-arena1-noopt
  xai4j-malloc-arena1-interop1 xai4j-malloc-arena1-passive)
classes="${model%.pt}.classes"
jar="$root/xai4j-cli/target/xai4j.jar"
malloc=(MALLOC_MMAP_THRESHOLD_=1073741824 MALLOC_TRIM_THRESHOLD_=4294967296)
arena1=("${malloc[@]}" MALLOC_ARENA_MAX=1)
arena2=("${malloc[@]}" MALLOC_ARENA_MAX=2)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

run() { # label, then the command; prints forward and Grad-CAM images/s, CPU seconds, page faults
  local label="$1"; shift
  /usr/bin/time -f '%U %S %R' -o "$tmp/time" "$@" > "$tmp/out" 2> "$tmp/err" || { echo "$label failed: $(tail -3 "$tmp/err")" >&2; return; }
  local fwd gc
  if [[ "$label" == py-* ]]; then
    fwd="$(/usr/bin/python3 -c 'import json,sys; print("%.2f" % json.load(open(sys.argv[1]))["rows"][0]["imagesPerSecond"])' "$tmp/out")"; gc="-"
  else
    fwd="$(/usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["rows"]; v=r[0]["imagesPerSecond"]; print("-" if v is None else "%.2f" % v)' "$tmp/bench.json")"
    gc="$(/usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["rows"]; v=r[1]["imagesPerSecond"]; print("-" if v is None else "%.2f" % v)' "$tmp/bench.json")"
  fi
  read -r user sys faults < "$tmp/time"
  printf '%s\t%s\t%s\t%s\t%s\t%.1f\t%s\n' "$round" "$label" "$batch" "$fwd" "$gc" "$(echo "$user + $sys" | bc)" "$faults"
}

xai4j() { # label, then extra environment (NAME=value) and JVM options (-D...)
  local label="$1" env=() jvm=(); shift
  for a in "$@"; do if [[ "$a" == -D* ]]; then jvm+=("$a"); else env+=("$a"); fi; done
  run "$label" env "${env[@]}" java -Xmx6g -Dai.djl.offline=true "${jvm[@]}" -Dai.djl.pytorch.num_threads=2 -jar "$jar" bench \
    --torchscript "$model" --classes-file "$classes" --batch-sizes "$batch" --methods gradcam --seconds "$seconds" --output "$tmp/bench.json"
}

printf 'round\tcandidate\tbatch\tforward_images_per_s\tgradcam_images_per_s\tcpu_s\tminor_faults\n'
for round in $(seq 1 "$rounds"); do
  for c in "${candidates[@]}"; do
    case "$c" in
      py-default) run "$c" /usr/bin/python3 "$root/scripts/bench_pytorch_forward.py" --torchscript "$model" --threads 2 --batch-sizes "$batch" --seconds "$seconds" --json ;;
      py-malloc) run "$c" env "${malloc[@]}" /usr/bin/python3 "$root/scripts/bench_pytorch_forward.py" --torchscript "$model" --threads 2 --batch-sizes "$batch" --seconds "$seconds" --json ;;
      xai4j-plain) xai4j "$c" ;;
      xai4j-malloc) xai4j "$c" "${malloc[@]}" ;;
      xai4j-malloc-arena1) xai4j "$c" "${arena1[@]}" ;;
      xai4j-malloc-arena1-noopt) xai4j "$c" "${arena1[@]}" -Dai.djl.pytorch.graph_optimizer=false ;;
      xai4j-malloc-arena1-interop1) xai4j "$c" "${arena1[@]}" -Dai.djl.pytorch.num_interop_threads=1 ;;
      xai4j-malloc-arena1-passive) xai4j "$c" "${arena1[@]}" OMP_WAIT_POLICY=PASSIVE ;;
      xai4j-arena1) xai4j "$c" MALLOC_ARENA_MAX=1 ;;
      xai4j-arena2) xai4j "$c" MALLOC_ARENA_MAX=2 ;;
      xai4j-malloc-arena2) xai4j "$c" "${arena2[@]}" ;;
      xai4j-launcher) run "$c" env XAI4J_JAVA_OPTS="-Xmx6g -XX:+UseSerialGC -Dai.djl.pytorch.num_threads=2" "$root/xai4j" bench \
        --torchscript "$model" --classes-file "$classes" --batch-sizes "$batch" --methods gradcam --seconds "$seconds" --output "$tmp/bench.json" ;;
      *) echo "unknown candidate $c" >&2; exit 2 ;;
    esac
  done
done
