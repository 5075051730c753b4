#!/bin/bash
# english_partial (plugins/lib/english_partial.h): every writer that prints English shows a
# rendering that keeps untranslated words as chosen (keep|mark|drop), marked by default; and the
# HTML report shows no half-Vietnamese English title.  Real pipeline: text source, the example
# recognizer, the glossary translator, the writers.
. "$top_srcdir/tests/lib.sh"

mkdir -p "$TMP/in"
# The title has a word no vocabulary row covers: the glossary leaves it untranslated.
printf 'Hội đồng bâng khuâng họp với Sở Y tế\n\nHội đồng bâng khuâng và Sở Y tế đã họp.\n' \
  >"$TMP/in/doc.txt"

writers() {  # MODE: the tsv, html and brat writers with english_partial = MODE ("" for the default)
  local opt=""
  [ -n "$1" ] && opt="english_partial = \"$1\";"
  local d="$TMP/out-${1:-default}"
  cat <<CFG
plugin_path = [ "$top_builddir/plugins" ];
data_path = [ "$top_srcdir/data" ];
threads = 1;
source = { plugin = "text"; paths = [ "$TMP/in" ]; include = [ "*.txt" ]; };
chain = (
  { plugin = "example"; type = "ORG"; words = [ "Hội đồng bâng khuâng", "Sở Y tế" ]; },
  { plugin = "glossary"; },
  { plugin = "tsv"; path = "$d/entities.tsv"; $opt },
  { plugin = "html"; dir = "$d/html"; $opt },
  { plugin = "brat"; dir = "$d/brat"; $opt },
  { plugin = "jsonl"; path = "$d/docs.jsonl"; }
);
CFG
}

for mode in "" keep mark drop; do
  writers "$mode" >"$TMP/${mode:-default}.cfg"
  run "$DOCPIPE" run -c "$TMP/${mode:-default}.cfg"
  expect_rc "run with english_partial='${mode:-default}' exits 0" 0
done

D="$TMP/out-default"
expect_file "the glossary marks the rendering partial" "$D/docs.jsonl" '"english.partial":"true"'
expect_file "and names the word left" "$D/docs.jsonl" '"english.untranslated":"[^"]*bâng khuâng'
expect_file "a complete rendering is not marked" "$D/docs.jsonl" '"translations":\{"en":"Department of Health"\}'

# default = mark: the English then the words left, in every writer
expect_file "tsv default marks" "$D/entities.tsv" $'\tORG\t.*\t[^\t]* \\[untranslated: [^]]*bâng khuâng\\]\t'
expect_file "html default marks" "$D/html/doc.html" '\[untranslated: [^]]*bâng khuâng\]'
expect_file "brat note marks" "$D/brat/doc.ann" 'en: [^;]* \[untranslated: [^]]*bâng khuâng\]'
expect_file "complete rendering unmarked in tsv" "$D/entities.tsv" $'\tDepartment of Health\t'
cmp -s "$D/entities.tsv" "$TMP/out-mark/entities.tsv" && ok "mark is the default" || fail "mark is the default"

# keep: the rendering as it is
if grep -q 'untranslated:' "$TMP/out-keep/entities.tsv"; then fail "keep prints no mark"; else ok "keep prints no mark"; fi
en_kept=$(awk -F'\t' '$5 == "Hội đồng bâng khuâng" { print $7; exit }' "$TMP/out-keep/entities.tsv")
[ -n "$en_kept" ] && ok "keep prints the partial English ($en_kept)" || fail "keep prints the partial English"

# drop: no English for the partial entity, the complete one kept
en_dropped=$(awk -F'\t' '$5 == "Hội đồng bâng khuâng" { print "[" $7 "]"; exit }' "$TMP/out-drop/entities.tsv")
[ "$en_dropped" = "[]" ] && ok "drop leaves the english column empty" || fail "drop leaves the english column empty" "$en_dropped"
expect_file "drop keeps complete renderings" "$TMP/out-drop/entities.tsv" $'\tDepartment of Health\t'
if grep -q 'bang khuang' "$TMP/out-drop/html/doc.html"; then fail "drop: no partial English in html"; else ok "drop: no partial English in html"; fi

# the title keeps an untranslated word: no English title from rules, the report says so
if grep -q '"target":"field","key":"title"' "$D/docs.jsonl"; then
  fail "no rule-made English for a half-translated title"
else
  ok "no rule-made English for a half-translated title"
fi
expect_file "html: title shown as not translated" "$D/html/doc.html" 'class="en-title untranslated"'

# a bad value is a config error naming the option
writers "some" >"$TMP/bad.cfg"
run "$DOCPIPE" check -c "$TMP/bad.cfg"
expect_rc "bad english_partial is a config error" 78
expect_err "the error names the option" "english_partial"

finish
