#!/usr/bin/env bash
# Spark local-mode throughput against single-process explain (docs/spark.md, "Measured (local mode)").
#   scripts/spark_local_throughput.sh MODEL IMAGE_DIR WORK_DIR [METHODS]
# For OMP_NUM_THREADS 1 and 2, twice each: `explain`, the Spark job with local[1], with local[2]. Prints one line per run:
# label, exit code, process wall seconds, Spark's own job time ("Job 0 finished: save ... took"), the load average.
# Needs the jars (./mvnw -B -ntp -DskipTests package) and Spark's class path:
#   ./mvnw -q -pl xai4j-spark -am dependency:build-classpath -Dmdep.includeScope=provided -Dmdep.outputFile=/tmp/spark-cp.txt
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="$(realpath "$1")"; images="$(realpath "$2")"; work="$3"; methods="${4:-gradcam,eb,cgrad}"
mkdir -p "$work" && cd "$work"
spark_jar="$root/xai4j-spark/target/xai4j-spark.jar"
cli_jar="$root/xai4j-cli/target/xai4j.jar"
opens=()
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
    java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
opens+=(-Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true -Dspark.ui.enabled=false)
run() { # label, command...
  local label=$1; shift
  rm -rf sp-out sp-explain
  local t0 t1 job
  t0=$(date +%s.%N)
  "$@" > "log-$label.txt" 2>&1
  local rc=$?
  t1=$(date +%s.%N)
  job=$(grep -o 'Job 0 finished: save.*took [0-9.]* ms' "log-$label.txt" | grep -o '[0-9.]* ms' | head -1)
  echo "$label rc=$rc wall=$(echo "$t1 - $t0" | bc) job=${job:--} load=$(cut -d' ' -f1 /proc/loadavg)"
}
for omp in 1 2; do
  export OMP_NUM_THREADS=$omp
  for rep in 1 2; do
    run "explain-omp$omp-r$rep" java -Dai.djl.offline=true -jar "$cli_jar" explain --model "$model" --method "$methods" --no-overlays \
      --output-dir sp-explain "$images"
    for m in 1 2; do
      run "local$m-omp$omp-r$rep" java "${opens[@]}" -cp "$spark_jar:$(cat /tmp/spark-cp.txt)" io.xai4j.spark.SparkExplainJob explain \
        --master "local[$m]" --model "$model" --method "$methods" --input "$images" --output sp-out/out.parquet
    done
  done
done
