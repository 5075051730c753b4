#!/usr/bin/env python3
"""render_gold — the glossary's English for every gold surface, found or not.

Usage: render_gold.py [--docpipe BIN] [--plugins DIR] [--data DIR] [--types T1,T2]
                      [--out FILE.jsonl] [--errors] [--json] GOLD.tsv

dp_eval.py tsv scores English only for the entities the recognizers found;
this scores the renderings themselves.  Every distinct (type, surface) of the
gold file is tagged as an entity of its type (the `example` recognizer, one
document per gold row) and rendered by the `glossary` translator alone, with
no article around it (a rendering that depends on the article, such as a
sports name, is not tried).  The English is compared with the gold `english`
column as dp_eval.py compares it (case, punctuation and spacing ignored).
Prints, per type, the gold rows, the renderings that match, the ones marked
partial (attribute english.partial) and the ones with an untranslated
leftover (dp_eval.py leftover).  --out keeps the JSON Lines of the run.

Needs a built docpipe: --docpipe (default build/core/docpipe from the source
tree) and --plugins (default $DOCPIPE_PLUGIN_PATH, else build/plugins).
Exit codes: 0 ok, 64 usage, 65 bad data, 66 missing file, 70 the run failed.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dp_eval  # noqa: E402  (the scorer's English comparison and leftover test)

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def config(plugins, data, docs, typ, words, out):
    quoted = ", ".join(json.dumps(w, ensure_ascii=False) for w in words)
    return f"""plugin_path = [ {json.dumps(plugins)} ];
data_path = [ {json.dumps(data)} ];
threads = 1;
source = {{ plugin = "text"; paths = [ {json.dumps(docs)} ]; include = [ "*.txt" ]; }};
chain = (
  {{ plugin = "example"; type = {json.dumps(typ)}; words = [ {quoted} ]; }},
  {{ plugin = "glossary"; fields = [ ]; }},
  {{ plugin = "jsonl"; name = "out"; path = {json.dumps(out)}; }}
);
"""


def render(args, rows, tmp):
    """{(type, surface): entity record} for every distinct gold pair."""
    by_type = defaultdict(list)
    for typ, surface in rows:
        by_type[typ].append(surface)
    got = {}
    for typ, surfaces in sorted(by_type.items()):
        docs = os.path.join(tmp, typ)
        os.makedirs(docs)
        for i, s in enumerate(surfaces):
            with open(os.path.join(docs, f"{i:05d}.txt"), "w", encoding="utf-8") as f:
                f.write(f"Gold\n\n{s}\n")
        out = os.path.join(tmp, f"{typ}.jsonl")
        cfg = os.path.join(tmp, f"{typ}.cfg")
        with open(cfg, "w", encoding="utf-8") as f:
            f.write(config(args.plugins, args.data, docs, typ, surfaces, out))
        rc = subprocess.run([args.docpipe, "run", "-q", "-c", cfg, "--checkpoint", cfg + ".ck",
                             "--dead-letter", cfg + ".dead"], stdout=subprocess.DEVNULL).returncode
        if rc != 0:
            print(f"render_gold: docpipe run exited {rc} for {typ}", file=sys.stderr)
            sys.exit(70)
        with open(out, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                surface = surfaces[int(dp_eval.doc_key(d["id"]))]
                whole = [e for e in d["entities"] if e.get("surface") == surface]
                if whole:
                    got[(typ, surface)] = whole[0]
        if args.out:
            with open(args.out, "a", encoding="utf-8") as o, open(out, encoding="utf-8") as f:
                shutil.copyfileobj(f, o)
    return got


def main(argv=None):
    ap = argparse.ArgumentParser(prog="render_gold", description=__doc__.split("\n\n")[0])
    ap.add_argument("gold")
    ap.add_argument("--docpipe", default=os.path.join(TOP, "build", "core", "docpipe"))
    ap.add_argument("--plugins", default=os.environ.get("DOCPIPE_PLUGIN_PATH") or os.path.join(TOP, "build", "plugins"))
    ap.add_argument("--data", default=os.path.join(TOP, "data"))
    ap.add_argument("--types", type=dp_eval.parse_types, default={"ORG", "EVENT", "MISC", "LOC"})
    ap.add_argument("--out", help="keep the rendered JSON Lines here")
    ap.add_argument("--errors", action="store_true", help="list the renderings that differ from the gold")
    ap.add_argument("--json", action="store_true")
    try:
        a = ap.parse_args(argv)
    except SystemExit as ex:
        return dp_eval.EX_USAGE if ex.code else 0
    a.docpipe, a.plugins, a.data = (os.path.abspath(p) for p in (a.docpipe, a.plugins, a.data))
    try:
        gold = dp_eval.read_gold_tsv(a.gold)
    except dp_eval.DataError as ex:
        print(f"render_gold: {ex}", file=sys.stderr)
        return dp_eval.EX_DATAERR
    want = {}
    for pairs in gold.values():
        for (typ, surface), english in pairs.items():
            if typ in a.types and english:
                want.setdefault((typ, surface), english)
    if a.out and os.path.exists(a.out):
        os.remove(a.out)
    tmp = tempfile.mkdtemp(prefix="render_gold.")
    try:
        got = render(a, sorted(want), tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    stats = defaultdict(lambda: {"total": 0, "ok": 0, "partial": 0, "leftover": 0})
    errors = []
    for (typ, surface), english in sorted(want.items()):
        e = got.get((typ, surface)) or {}
        en = (e.get("translations") or {}).get("en") or ""
        partial = (e.get("attrs") or {}).get("english.partial") == "true"
        s = stats[typ]
        s["total"] += 1
        ok = dp_eval.norm_english(en) == dp_eval.norm_english(english)
        s["ok"] += ok
        s["partial"] += partial
        s["leftover"] += bool(dp_eval.leftover_words(surface, en))
        if not ok:
            errors.append((typ, surface, en, english, "partial" if partial else ""))
    tot = defaultdict(int)
    for s in stats.values():
        for k, v in s.items():
            tot[k] += v
    rows = [(t, stats[t]) for t in sorted(stats)] + [("overall", tot)]
    if a.json:
        json.dump({"scores": [dict(type=t, **s) for t, s in rows],
                   "errors": [dict(zip(("type", "surface", "english", "gold", "mark"), e)) for e in errors]
                   if a.errors else []}, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    print(f"{'type':<8} {'gold':>5} {'ok':>5} {'share':>6} {'partial':>8} {'leftover':>9}")
    for t, s in rows:
        share = s["ok"] / s["total"] if s["total"] else 0.0
        print(f"{t:<8} {s['total']:>5} {s['ok']:>5} {share:>6.3f} {s['partial']:>8} {s['leftover']:>9}")
    if a.errors:
        for e in errors:
            print("\t".join(e))
    return 0


if __name__ == "__main__":
    sys.exit(main())
