# Sourced by the protocol scripts (scripts/*_protocol_partshapes.sh), run in their output folder:
#   step NAME COMMAND [ARG ...]
# runs COMMAND with CI=1 (no progress bars) under GNU time: its output goes to logs/NAME.log, its wall time and peak RSS
# to logs/NAME.time, its start and its end (with the exit status and the seconds) to logs/queue.log.
step() {
  local name=$1; shift
  echo "$(date -u +%H:%M:%S) start $name" >> logs/queue.log
  local t0 rc; t0=$(date +%s)
  CI=1 /usr/bin/time -f '%e s wall, %M kB peak RSS' -a -o "logs/$name.time" "$@" > "logs/$name.log" 2>&1
  rc=$?
  echo "$(date -u +%H:%M:%S) end $name rc=$rc $(( $(date +%s) - t0 )) s" >> logs/queue.log
}
