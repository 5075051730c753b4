"""Run a docpipe pipeline on strings held in memory (the `docpipe` Python binding)."""
import sys

import docpipe

config = sys.argv[1] if len(sys.argv) > 1 else "config/default.cfg"
text = "Hà Nội gặp Mỹ\n\nThượng tướng Nguyễn Văn An đã đến Hà Nội ngày 3/12/2026.\n"
try:
    with docpipe.Pipeline(config) as p:
        doc = p.process(text, id="example")
        for e in doc.entities:  # offsets are str indices: doc.text[e.start:e.end] == e.text
            print(e.type, e.start, e.end, e.text, e.translations.get("en", ""), sep="\t")
        for d in p.process_many([text, text.replace("Hà Nội", "Huế")]):  # the pipeline's threads
            print(d.id, len(d.entities), "entities")
except docpipe.ConfigError as err:
    sys.exit("%s:%s: %s" % (err.file, err.line, err.errors[0][2]))
