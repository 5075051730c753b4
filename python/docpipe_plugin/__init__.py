"""docpipe — write docpipe recognizers and translators in Python.

A plugin is a function or a class under a decorator; docpipe runs the script
as a co-process worker (the `exec` plugin) and speaks the JSON Lines wire
protocol with it (docs/plugin-guide.md, "Co-process plugins").  Standard
library only.

    import re
    import docpipe_plugin

    @docpipe_plugin.recognizer(name="years", version="1.0", description="four-digit years",
                        options=[docpipe_plugin.option("type", "string", default="DATE", help="entity type")])
    def years(doc, options):
        for m in re.finditer(r"\\b(1[89]|20)\\d\\d\\b", doc.text):
            doc.add_entity(m.start(), m.end(), options["type"], value=m.group())

    if __name__ == "__main__":
        docpipe_plugin.run()

A function gets (doc, options) for every document.  A class is made once
per worker with the options (a dict) and its process(doc) is called for every
document.  Returning docpipe_plugin.SKIP drops the document; raising an exception
fails it (its message goes to the dead-letter file, the traceback to docpipe's
log).  print() goes to docpipe's log too: standard output carries the protocol.
Offsets are Python string indices (code points), as in the jsonl writer.
"""

from ._doc import Doc, Entity, Segment
from ._plugin import SKIP, PROTOCOL, option, recognizer, translator
from ._worker import run

__all__ = ["Doc", "Entity", "Segment", "SKIP", "PROTOCOL", "option", "recognizer", "translator", "run"]
