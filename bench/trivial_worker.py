#!/usr/bin/env python3
"""A co-process recognizer that adds nothing: what bench/run measures is the exec
boundary itself (the document out as JSON, parsed by Python, an empty answer back, merged)."""
import docpipe_plugin


@docpipe_plugin.recognizer(name="trivial", version="1.0", description="adds nothing (benchmark of the exec boundary)")
def trivial(doc, options):
    pass


if __name__ == "__main__":
    docpipe_plugin.run()
