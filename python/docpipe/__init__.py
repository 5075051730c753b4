"""docpipe: run a docpipe pipeline from Python (docpipe.pipeline: ctypes over libdocpipe).

    import docpipe
    with docpipe.Pipeline("config/default.cfg") as p:
        doc = p.process("Thượng tướng Nguyễn Văn An đến Hà Nội.", id="a1")
        for e in doc.entities:
            print(e.type, e.start, e.end, e.text, e.translations.get("en"))
        for doc in p.process_many(texts):      # on the pipeline's worker threads
            ...

Offsets are in code points, i.e. Python string indices: doc.text[e.start:e.end]
== e.text.  A config error raises ConfigError carrying every "file:line:
message" of `docpipe check`; a document that fails raises DocumentError
(process_many: see its `errors` argument).

The library is found through $DOCPIPE_LIBRARY (a path to libdocpipe.so.2),
then the directory `make install` recorded, then the system's search path,
when the first Pipeline is made (importing docpipe loads nothing).  Plugins
are found as by `docpipe run` (the config's plugin_path, $DOCPIPE_PLUGIN_PATH,
the installed plugin folder).  The result classes are docpipe.pipeline.Entity,
.Segment and .Translation.
"""
from .pipeline import ConfigError, Document, DocpipeError, DocumentError, Pipeline, library_version

__all__ = ["Pipeline", "Document", "DocpipeError", "ConfigError", "DocumentError", "library_version"]
