#!/usr/bin/env bash
# The tagger's benchmark (issue #18 targets): tagging speed in MB per CPU-second on one
# thread, and the time to train on 5,000 sentences.  Prints a markdown table.  Builds
# nothing: point it at a build directory.
#
#   bench/tagger.sh [BUILD_DIR]            (default BUILD_DIR: build/ under the source tree)
#
# Environment:
#   BENCH_MB=50          size of the generated news corpus that is tagged (MB)
#   BENCH_SEED=1         corpus seed
#   BENCH_SENTS=5000     training sentences
#   BENCH_WORK=/tmp/docpipe-bench-tagger   corpus, data, model, outputs
#
# The training data are sentences of the same generated corpus, tagged PER/LOC/ORG/MISC
# by the rule chain (gazetteer, names, dates) and written by the conll writer: a stand-in
# with the size and tag density of a news corpus (its vocabulary is smaller than real
# news, so its model is smaller than a real one of 5,000 sentences).
set -euo pipefail
LC_NUMERIC=C
top=$(cd "$(dirname "$0")/.." && pwd)
case ${1:-} in -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
build=$(cd "${1:-$top/build}" 2>/dev/null && pwd) || { echo "bench/tagger.sh: no build directory ${1:-$top/build}" >&2; exit 66; }
docpipe=$build/core/docpipe
train=$build/plugins/recognizer_tagger/docpipe-train
[ -x "$docpipe" ] && [ -x "$train" ] || { echo "bench/tagger.sh: docpipe or docpipe-train not built in $build" >&2; exit 66; }
# measure the binaries, not the libtool wrappers (bash start-up)
if [ -x "$build/core/.libs/docpipe" ] && head -c 2 "$docpipe" | grep -q '#!'; then
  docpipe=$build/core/.libs/docpipe
  export LD_LIBRARY_PATH=$build/core/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
fi
[ -x "$build/plugins/recognizer_tagger/.libs/docpipe-train" ] && train=$build/plugins/recognizer_tagger/.libs/docpipe-train
[ -x /usr/bin/time ] || { echo "bench/tagger.sh: needs /usr/bin/time (GNU time)" >&2; exit 69; }

MB=${BENCH_MB:-50}
SEED=${BENCH_SEED:-1}
SENTS=${BENCH_SENTS:-5000}
work=${BENCH_WORK:-/tmp/docpipe-bench-tagger}
corpus=$work/corpus-${MB}M-s$SEED
mkdir -p "$work/out"
export DOCPIPE_PLUGIN_PATH=$build/plugins
log() { printf '%s\n' "$*" >&2; }
load0=$(cut -d' ' -f1-3 /proc/loadavg)

if [ ! -f "$corpus/.done" ]; then
  log "generating a $MB MB corpus in $corpus"
  rm -rf "$corpus"
  python3 "$top/bench/gen_corpus.py" --mb "$MB" --seed "$SEED" "$corpus" >&2
  touch "$corpus/.done"
fi
bytes=$(find "$corpus" -type f -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')

# run_time CMD…: CPU seconds (user + sys), wall seconds and peak RSS (KB) of CMD
run_time() {
  /usr/bin/time -f '%U %S %e %M' -o "$work/time.out" "$@" >/dev/null 2>"$work/err.out" ||
    { log "FAILED: $*"; tail -5 "$work/err.out" >&2; exit 70; }
  read -r CPU WALL RSS < <(awk '{print $1 + $2, $3, $4}' "$work/time.out")
}

# ---- training data: the rule chain's entities on whole documents, as CoNLL
D=$top/data/vi
rm -rf "$work/slice"
mkdir -p "$work/slice"
find "$corpus" -name '*.txt' | sort >"$work/list.txt"
sed -n '1,400p' "$work/list.txt" | xargs -I{} cp {} "$work/slice/"
cat >"$work/label.cfg" <<CFG
plugin_path = [ "$build/plugins" ];
threads = 2;
source = { plugin = "news"; paths = [ "$work/slice" ]; include = [ "*.txt" ]; };
chain = (
  { plugin = "gazetteer"; lists = [ "$D/countries.tsv", "$D/provinces.tsv", "$D/places.tsv", "$D/orgs.tsv", "$D/misc.tsv" ]; },
  { plugin = "names"; ranks = "$D/ranks.tsv"; titles = "$D/titles.tsv"; countries = "$D/countries.tsv";
    surnames = "$top/data/names/surnames.tsv"; given = "$top/data/names/given.txt"; middle = "$top/data/names/middle.tsv";
    cues = "$D/cues.tsv"; foreign_given = "$top/data/world/given_names.tsv"; foreign_surnames = "$top/data/world/surnames.tsv";
    places = [ "$top/data/world/cities.tsv", "$top/data/world/subdivisions.tsv" ];
    org_heads = [ "$top/data/vi-en/orgs-heads.tsv", "$top/data/vi-en/schools.tsv", "$top/data/vi-en/companies.tsv" ];
    place_heads = [ "$top/data/vi-en/admin-places.tsv" ]; domains = [ "$top/data/vi-en/domains.tsv", "$top/data/vi-en/terms.tsv" ];
    abbreviations = [ "$top/data/vi-en/abbreviations.tsv" ]; },
  { plugin = "dates"; },
  { plugin = "conll"; path = "$work/labelled.conll"; }
);
CFG
"$docpipe" run -q -c "$work/label.cfg"
# keep PER/LOC/ORG/MISC (EVENT and DATE become O); the first SENTS sentences train, 500 more are dev
awk -v n="$SENTS" -v dir="$work" '
  BEGIN { out = dir "/train.conll"; printf "" > out; printf "" > (dir "/dev.conll") }
  /^-DOCSTART-/ { next }
  /^$/ { if (len) { print "" > out; k++; len = 0; if (k == n) out = dir "/dev.conll"; if (k == n + 500) exit } next }
  { tag = $NF; if (tag ~ /-(EVENT|DATE)$/) tag = "O"; print $1 "\t" tag > out; len++ }
' "$work/labelled.conll"
nsent=$(grep -c '^$' "$work/train.conll" || true)
ntok=$(grep -vc '^$' "$work/train.conll" || true)
[ "$nsent" -ge "$SENTS" ] || log "warning: only $nsent training sentences"

log "training on $nsent sentences ($ntok tokens)"
run_time "$train" -q -f "$top/plugins/recognizer_tagger/vi-news.features" --dev "$work/dev.conll" \
  -o "$work/model.dpm" "$work/train.conll"
train_cpu=$CPU; train_wall=$WALL; train_rss=$RSS
model_kb=$(( $(stat -c %s "$work/model.dpm") / 1024 ))
epochs=$("$train" --info "$work/model.dpm" | sed -n 's/.*epoch \([0-9]*\) of \([0-9]*\) run.*/\1 of \2/p')

# ---- tagging speed, one worker thread
cfg() {  # NAME CHAIN-ENTRY
  cat >"$work/$1.cfg" <<CFG
plugin_path = [ "$build/plugins" ];
threads = 1;
source = { plugin = "news"; paths = [ "$corpus" ]; include = [ "*.txt" ]; };
chain = ( $2 { plugin = "jsonl"; path = "$work/out/$1.jsonl"; text = false; } );
CFG
}
cfg base ''
cfg tagger "{ plugin = \"tagger\"; model = \"$work/model.dpm\"; },"
cfg nomarg "{ plugin = \"tagger\"; model = \"$work/model.dpm\"; marginals = false; },"
log "tagging $((bytes / 1048576)) MB: news + jsonl, + tagger, + tagger without marginals"
run_time "$docpipe" run -q -c "$work/base.cfg"; base_cpu=$CPU
run_time "$docpipe" run -q -c "$work/tagger.cfg"; tag_cpu=$CPU; tag_rss=$RSS
run_time "$docpipe" run -q -c "$work/nomarg.cfg"; nom_cpu=$CPU
mbs() { awk -v b="$bytes" -v t="$1" 'BEGIN { if (t > 0) printf "%.1f", b / 1048576 / t; else print "-" }'; }
own() { awk -v a="$1" -v b="$base_cpu" 'BEGIN { printf "%.2f", a - b }'; }
load1=$(cut -d' ' -f1-3 /proc/loadavg)

cat <<REPORT
Tagger benchmark, $(date -u +%Y-%m-%d): $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), load average $load0 at the start, $load1 at the end

| run, one worker thread | CPU s | MB per CPU-second |
|---|---:|---:|
| news + jsonl, $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b/1048576}') MB (the base) | $base_cpu | $(mbs "$base_cpu") |
| news + tagger + jsonl (whole chain) | $tag_cpu | $(mbs "$tag_cpu") |
| the tagger's own share (chain - base) | $(own "$tag_cpu") | **$(mbs "$(own "$tag_cpu")")** |
| the tagger's own share with marginals = false | $(own "$nom_cpu") | $(mbs "$(own "$nom_cpu")") |

Tagging peak RSS $((tag_rss / 1024)) MB.  Training on $nsent sentences ($ntok tokens; vi-news.features; dev 500
sentences): **$train_wall s wall, $train_cpu CPU s**, epochs $epochs, peak RSS $((train_rss / 1024)) MB, model $model_kb KB.
REPORT
