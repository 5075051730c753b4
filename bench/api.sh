#!/usr/bin/env bash
# The library API against the CLI on the same documents (issue #20): the
# default chain over a small generated corpus, at 1 and 2 threads, as
#   CLI      docpipe run -q -c CFG -t N CORPUS          (reads files, writes jsonl)
#   C API    bench/api_bench: the files in memory, dp_pipeline_process_text (1 thread)
#            or dp_pipeline_process_many (2), each record by dp_doc_to_json to a file
#   Python   docpipe.Pipeline(CFG).process_many(...): each Document's to_json() to a file;
#            and again reading every Entity object (the record parsed into Python objects)
# Wall seconds include start-up (plugins, data) for all three.  Prints a markdown table.
#   bench/api.sh [BUILD_DIR]      (BENCH_MB=4: corpus size; BENCH_WORK=/tmp/docpipe-bench-api)
set -euo pipefail
LC_NUMERIC=C
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
work=${BENCH_WORK:-/tmp/docpipe-bench-api}
mb=${BENCH_MB:-4}
lib=$build/core/.libs
export LD_LIBRARY_PATH=$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export DOCPIPE_PLUGIN_PATH=$build/plugins PYTHONPATH=$top/python DOCPIPE_LIBRARY=$lib/libdocpipe.so.2
mkdir -p "$work"
[ -d "$work/corpus-$mb" ] || python3 "$top/bench/gen_corpus.py" --mb "$mb" "$work/corpus-$mb" >&2
corpus=$work/corpus-$mb
docs=$(find "$corpus" -name '*.txt' | wc -l)
bytes=$(find "$corpus" -name '*.txt' -exec cat {} + | wc -c)
${CC:-cc} -O2 -std=c11 -D_GNU_SOURCE -I"$top/core/include" "$top/bench/api_bench.c" -L"$lib" -ldocpipe -o "$work/api_bench"
# the plugins' default data files are ../data next to the config, as for config/default.cfg
mkdir -p "$work/config"
ln -sfn "$top/data" "$work/data"
for n in 1 2; do
  sed -e "s|^threads = .*|threads = $n;|" -e "s|\"\.\./|\"$top/|g" -e "s|\"out/|\"$work/out-$n/|g" \
    "$top/config/default.cfg" > "$work/config/api-$n.cfg"
done
cli=$build/core/.libs/docpipe
# the interpreter itself: a version manager's shim (pyenv) costs a shell and an exec per start
python=$(python3 -c 'import sys; print(sys.executable)')
# "wall cpu": elapsed and user+system seconds (on a loaded machine the CPU seconds are the fair figure)
secs() { /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null; awk '{ printf "%s %.3f", $1, $2 + $3 }' "$work/time"; }
declare -A T
for n in 1 2; do
  rm -rf "$work/out-$n"
  T[cli$n]=$(secs "$cli" run -q -c "$work/config/api-$n.cfg" -t "$n" "$corpus")
  T[c$n]=$(secs "$work/api_bench" "$work/config/api-$n.cfg" "$n" "$work/api-$n.jsonl" "$corpus"/*.txt)
  T[py$n]=$(secs "$python" - "$work/config/api-$n.cfg" "$work/api-py-$n.jsonl" "$corpus" <<'PY'
import os, sys
import docpipe
cfg, out, corpus = sys.argv[1:4]
names = sorted(n for n in os.listdir(corpus) if n.endswith(".txt"))
def items():
    for n in names:
        with open(os.path.join(corpus, n), "rb") as f:
            yield n[:-4], f.read()
with docpipe.Pipeline(cfg) as p, open(out, "w", encoding="utf-8") as w:
    for doc in p.process_many(items()):
        w.write(doc.to_json() + "\n")
PY
)
  T[pyobj$n]=$(secs "$python" - "$work/config/api-$n.cfg" "$corpus" <<'PY'
import os, sys
import docpipe
cfg, corpus = sys.argv[1:3]
names = sorted(n for n in os.listdir(corpus) if n.endswith(".txt"))
def items():
    for n in names:
        with open(os.path.join(corpus, n), "rb") as f:
            yield n[:-4], f.read()
spans = 0
with docpipe.Pipeline(cfg) as p:
    for doc in p.process_many(items()):
        spans += sum(e.end - e.start for e in doc.entities)
print(spans)
PY
)
done
wall() { echo "${T[$1]% *}"; }
cpu() { echo "${T[$1]#* }"; }
row() { # name key1 key2
  printf '| %s | %.2f | %.2f | %.2f | %.2f | %.2f / %.2f | %.2f / %.2f |\n' "$1" \
    "$(echo "$bytes/1048576/$(wall "$2")" | bc -l)" "$(echo "$bytes/1048576/$(cpu "$2")" | bc -l)" \
    "$(echo "$bytes/1048576/$(wall "$3")" | bc -l)" "$(echo "$bytes/1048576/$(cpu "$3")" | bc -l)" \
    "$(echo "$(wall cli1)/$(wall "$2")" | bc -l)" "$(echo "$(wall cli2)/$(wall "$3")" | bc -l)" \
    "$(echo "$(cpu cli1)/$(cpu "$2")" | bc -l)" "$(echo "$(cpu cli2)/$(cpu "$3")" | bc -l)"
}
echo "corpus: $docs documents, $(echo "$bytes/1048576" | bc -l | xargs printf '%.1f') MB (BENCH_MB=$mb); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run (default chain) | MB/s 1t | MB per CPU-s 1t | MB/s 2t | MB per CPU-s 2t | wall ÷ CLI 1t / 2t | CPU ÷ CLI 1t / 2t |"
echo "|---|---:|---:|---:|---:|---:|---:|"
row "CLI: docpipe run" cli1 cli2
row "C API: process_text (1t), process_many (2t)" c1 c2
row "Python: process_many, each record written (to_json)" py1 py2
row "Python: process_many, every Entity object read" pyobj1 pyobj2
printf '\nper-document cost of the C API against the CLI, 1 thread: %+.0f µs wall, %+.0f µs CPU (negative: cheaper)\n' \
  "$(echo "($(wall c1) - $(wall cli1)) * 1000000 / $docs" | bc -l)" "$(echo "($(cpu c1) - $(cpu cli1)) * 1000000 / $docs" | bc -l)"
