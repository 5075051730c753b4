#!/bin/bash
# What the HTML report costs for a corpus of N documents: the run's time with
# and without the entity index, the report's files and bytes, and how long
# headless Chromium takes to open its pages (navigation start to the end of
# the page's own scripts, performance.now() in a probe appended to a copy of
# the page; an empty page first, as the baseline of a loaded machine; and
# the CPU time of the whole Chromium run, which the machine's load does not
# inflate).  Not part of `make check` (it takes minutes for thousands of
# documents); numbers go to standard output.
#
#   scripts/bench-html-report.sh [BUILD_DIR] [N]      (defaults: build 2000)
#
# The corpus: the samples, copied round-robin, each copy with a line naming a
# person of its own (surname, middle and given names combined), so that the
# index has many distinct entities and some in every document.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
n=${2:-2000}
docpipe=$build/core/docpipe
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$docpipe" ] || { echo "build first: $docpipe missing" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-html.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

samples=("$top"/samples/*.txt)
surnames=(Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý)
middles=(Văn Thị Hữu Đức Minh Quang Thanh Ngọc Xuân Hồng)
givens=(An Bình Cường Dũng Giang Hà Hải Hưng Khánh Lan Long Mai Nam Phong Quân Sơn Tâm Thảo Trung Vinh)
mkdir -p "$tmp/corpus"
texts=() names=()
for f in "${samples[@]}"; do texts+=("$(<"$f")"); names+=("${f##*/}"); done
for ((i = 0; i < n; i++)); do  # builtins only: thousands of files in seconds
  k=$((i % ${#samples[@]}))
  name="${surnames[i % 16]} ${middles[(i / 16) % 10]} ${givens[(i / 160) % 20]}"
  printf -v file '%s/corpus/d%05d_%s' "$tmp" "$i" "${names[k]}"
  printf '%s\n\nPhát biểu tại hội nghị, ông %s, Phó Giám đốc, cho biết hai bên sẽ tiếp tục hợp tác.\n' \
    "${texts[k]}" "$name" >"$file"
done

config() {  # config ENTITY_INDEX
  cat <<CFG
plugin_path = [ "$build/plugins" ];
threads = 0;
source = { plugin = "news"; paths = [ "$tmp/corpus" ]; include = [ "*.txt" ];
           provinces = "$top/data/vi/provinces.tsv"; };
chain = (
  { plugin = "gazetteer";
    lists = [ "$top/data/vi/countries.tsv", "$top/data/vi/provinces.tsv", "$top/data/vi/places.tsv",
              "$top/data/vi/orgs.tsv", "$top/data/vi/misc.tsv" ]; },
  { plugin = "names"; },
  { plugin = "dates"; },
  { plugin = "glossary"; data = "$top/data"; },
  { plugin = "html"; dir = "$tmp/html-$1"; entity_index = $1; }
);
CFG
}
seconds() {  # seconds COMMAND…: its wall-clock time, one decimal
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null || { echo "failed: $*" >&2; exit 1; }
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.1f", ns / 1e9 }'
}

echo "documents: $n"
# the plugins' default data paths (../data/…) resolve against the config's folder
mkdir "$tmp/config"
ln -s "$top/data" "$tmp/data"
for idx in false true; do
  config $idx >"$tmp/config/run-$idx.cfg"
  t=$(seconds "$docpipe" run -q -c "$tmp/config/run-$idx.cfg")
  echo "run, entity_index=$idx: ${t}s"
done
r=$tmp/html-true
echo "report: $(find "$r" -type f | wc -l) files, $(du -sh "$r" | cut -f1)" \
     "(entities/: $(find "$r/entities" -type f | wc -l) files, $(du -sh "$r/entities" | cut -f1);" \
     "mentions.tsv $(du -h "$r/mentions.tsv" | cut -f1))"
echo "distinct entities: $(grep -o '[0-9,]* distinct entit' "$r/entities/index.html" | head -1)"
largest=$(ls -S "$r"/entities/mentions-*.html | head -1)
echo "largest mention page: $(basename "$largest") $(du -h "$largest" | cut -f1);" \
     "index.html $(du -h "$r/index.html" | cut -f1); entities/index.html $(du -h "$r/entities/index.html" | cut -f1)"

[ -x "$chromium" ] || { echo "no $chromium: pages not timed"; exit 0; }
probe='<script>document.body.setAttribute("data-ms", Math.round(performance.now()));</script>'
printf '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>empty</title></head><body><p>empty</p></body></html>\n' \
  >"$r/empty.html"
for page in empty.html index.html entities/index.html entities/type-PER.html "entities/$(basename "$largest")" \
            "$(basename "$(ls "$r"/d*.html | head -1)")"; do
  copy="$r/$(dirname "$page")/probe-$(basename "$page")"
  sed "s|</body>|$probe</body>|" "$r/$page" >"$copy"
  start=$(date +%s%N)
  ms=$(/usr/bin/time -f '%U %S' -o "$tmp/cpu" timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
         --disable-background-networking --disable-component-update --disable-sync \
         --user-data-dir="$tmp/ud" --dump-dom "file://$copy" 2>/dev/null | grep -o 'data-ms="[0-9]*"' | grep -o '[0-9]*')
  wall=$(( ($(date +%s%N) - start) / 1000000 ))
  cpu=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$tmp/cpu")
  echo "open $page ($(du -h "$r/$page" | cut -f1)): ${ms:-?} ms to parse and run its scripts;" \
       "chromium start to exit ${wall} ms wall, ${cpu} ms CPU"
  rm -f "$copy"
done
