#!/usr/bin/env python3
"""regex: tags every match of a regular expression (a docpipe recognizer in Python).

    { plugin = "exec"; command = [ "python3", "regex_recognizer.py" ];
      pattern = "\\b[A-Z]{2,}\\b"; type = "ORG"; }
"""
import re

import docpipe_plugin


@docpipe_plugin.recognizer(
    name="regex", version="1.0",
    description="tags every match of a regular expression (Python, re)",
    options=[
        docpipe_plugin.option("pattern", "string", required=True, help="a Python regular expression"),
        docpipe_plugin.option("type", "string", default="MISC", help="entity type of the matches"),
        docpipe_plugin.option("group", "int", default=0, help="the group whose span is tagged (0: the whole match)"),
        docpipe_plugin.option("ignore_case", "bool", default=False, help="match case-insensitively"),
        docpipe_plugin.option("confidence", "float", default=1.0, help="confidence of each entity"),
        docpipe_plugin.option("value", "enum", default="none", choices=["none", "match", "upper"],
                       help="the entity's value: none, the matched text, or it upper-cased"),
    ])
class Regex:
    def __init__(self, options):
        flags = re.IGNORECASE if options["ignore_case"] else 0
        self.rx = re.compile(options["pattern"], flags)  # a bad pattern fails the start with re's message
        self.options = options

    def process(self, doc):
        o = self.options
        for m in self.rx.finditer(doc.text):
            start, end = m.span(o["group"])
            if start < 0 or start == end:
                continue
            text = doc.text[start:end]
            value = {"none": None, "match": text, "upper": text.upper()}[o["value"]]
            e = doc.add_entity(start, end, o["type"], value=value, confidence=o["confidence"])
            e.set_attr("pattern.group", o["group"])


if __name__ == "__main__":
    docpipe_plugin.run()
