#!/usr/bin/env python3
"""fold: renders each entity without diacritics (a docpipe translator in Python).

Vietnamese names are often written without their marks in English text
("Hà Nội" -> "Ha Noi", "Đà Nẵng" -> "Da Nang"):

    { plugin = "exec"; command = [ "python3", "fold_translator.py" ]; lang = "en"; }
"""
import unicodedata

import docpipe_plugin


def fold(text):
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


@docpipe_plugin.translator(
    name="fold", version="1.0",
    description="each entity's surface without diacritics, as a translation",
    options=[
        docpipe_plugin.option("lang", "string", default="en", help="the translation's language tag"),
        docpipe_plugin.option("overwrite", "bool", default=False,
                       help="replace a translation an earlier translator made"),
        docpipe_plugin.option("types", "list", default=[], help="entity types to translate (empty: all)"),
    ])
def translate(doc, options):
    types = set(options["types"])
    for e in doc.entities:
        if types and e.type not in types:
            continue
        if options["lang"] in e.translations and not options["overwrite"]:
            continue
        e.set_translation(options["lang"], fold(e.surface))
        e.set_attr(options["lang"] + ".source", "fold")


if __name__ == "__main__":
    docpipe_plugin.run()
