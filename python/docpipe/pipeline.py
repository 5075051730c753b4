"""docpipe.pipeline: run a pipeline from Python (ctypes over the C API of docpipe/pipeline.h).

Pipeline, Document and the exceptions are also in the package's namespace
(docpipe.Pipeline …); the result classes Entity, Segment and Translation are
here only, since docpipe.Entity is the plugin helper's (docpipe._doc).
libdocpipe is loaded on the first Pipeline, not on import, so that a
co-process plugin written with the helper needs no shared library.
"""
import ctypes
import itertools
import json
import re
import threading

from . import _library

class _LazyLibrary:
    """libdocpipe, loaded on first use."""
    lib = None

    def __getattr__(self, name):
        if _LazyLibrary.lib is None:
            _LazyLibrary.lib = _library.load()
        return getattr(_LazyLibrary.lib, name)


_lib = _LazyLibrary()

# docpipe/error.h and docpipe/exitcode.h
DP_OK, DP_SKIP, DP_FAILED, DP_FATAL = 0, 1, 2, 3
DP_EXIT_OK, DP_EXIT_CONFIG = 0, 78
DP_PIPELINE_WRITERS = 0x1
_WHERE = re.compile(r"^(.*?):(\d+): (.*)$")


def library_version():
    """The version of the libdocpipe in use, e.g. "0.1.0"."""
    return _lib.dp_version().decode()


def _take(ptr):
    """A string the library allocated, as str; the library's copy is freed."""
    if not ptr:
        return None
    try:
        return ctypes.string_at(ptr).decode("utf-8", "replace")
    finally:
        _lib.dp_free(ptr)


def _bytes(s):
    return s.encode("utf-8") if isinstance(s, str) else s


class DocpipeError(Exception):
    """Any failure of docpipe; `code` is the C result or exit code."""

    def __init__(self, message, code=None):
        super().__init__(message)
        self.message = message
        self.code = code


class ConfigError(DocpipeError):
    """The config was refused, with every error of `docpipe check`.

    errors: [(file, line, message)], line None when the message names no line;
    file, line: those of the first error.
    """

    def __init__(self, message, code):
        super().__init__(message.rstrip("\n"), code)
        self.errors = []
        for text in message.splitlines():
            m = _WHERE.match(text)
            self.errors.append((m.group(1), int(m.group(2)), m.group(3)) if m else (None, None, text))
        first = self.errors[0] if self.errors else (None, None, "")
        self.file, self.line = first[0], first[1]


class DocumentError(DocpipeError):
    """One document failed ("[recognizer:names] …"); the pipeline goes on."""

    def __init__(self, message, code, id=None):
        super().__init__(message, code)
        self.id = id


class Entity:
    """An entity: offsets in code points (indices into Document.text)."""
    __slots__ = ("start", "end", "type", "text", "value", "confidence", "instance", "attrs", "translations")

    def __init__(self, r):
        self.start, self.end, self.type = r["start"], r["end"], r["type"]
        self.text, self.value = r.get("surface"), r.get("value")
        self.confidence, self.instance = r.get("confidence"), r.get("instance")
        self.attrs = r.get("attrs") or {}
        self.translations = r.get("translations") or {}

    def __repr__(self):
        return "Entity(%s %d:%d %r)" % (self.type, self.start, self.end, self.text)


class Segment:
    __slots__ = ("start", "end", "kind")

    def __init__(self, r):
        self.start, self.end, self.kind = r["start"], r["end"], r["kind"]

    def __repr__(self):
        return "Segment(%s %d:%d)" % (self.kind, self.start, self.end)


class Translation:
    """A translation of the document: of a field (key), of the text, of a segment."""
    __slots__ = ("lang", "target", "key", "text", "instance", "note")

    def __init__(self, r):
        self.lang, self.target, self.key = r.get("lang"), r.get("target"), r.get("key")
        self.text, self.instance, self.note = r.get("text"), r.get("instance"), r.get("note")

    def __repr__(self):
        return "Translation(%s %s %r)" % (self.lang, self.key or self.target, self.text)


class Document:
    """A processed document: the jsonl writer's record, read as objects.

    The record is parsed on first use of an attribute, so that a caller who
    only stores or forwards documents (to_json) pays for no parsing.
    """
    __slots__ = ("_json", "_record", "_entities", "_segments", "_translations")

    def __init__(self, json_bytes):
        self._json = json_bytes
        self._record = self._entities = self._segments = self._translations = None

    @property
    def record(self):
        """The record as a dict (the jsonl schema)."""
        if self._record is None:
            self._record = json.loads(self._json)
        return self._record

    id = property(lambda self: self.record.get("id"))
    source = property(lambda self: self.record.get("source"))
    lang = property(lambda self: self.record.get("lang"))
    text = property(lambda self: self.record.get("text"))
    fields = property(lambda self: self.record.get("fields") or {})

    @property
    def entities(self):
        if self._entities is None:
            self._entities = [Entity(e) for e in self.record.get("entities") or ()]
        return self._entities

    @property
    def segments(self):
        if self._segments is None:
            self._segments = [Segment(x) for x in self.record.get("segments") or ()]
        return self._segments

    @property
    def translations(self):
        if self._translations is None:
            self._translations = [Translation(t) for t in self.record.get("translations") or ()]
        return self._translations

    def to_json(self):
        """The record exactly as the jsonl writer writes it, without the newline."""
        return self._json.decode("utf-8").rstrip("\n")

    def __repr__(self):
        return "Document(%r, %d entities)" % (self.id, len(self.entities))


def _document_of(cdoc):
    n = ctypes.c_size_t()
    ptr = _lib.dp_doc_to_json(cdoc, None, ctypes.byref(n))
    if not ptr:
        raise MemoryError("docpipe: out of memory")
    try:
        return Document(ctypes.string_at(ptr, n.value))
    finally:
        _lib.dp_free(ptr)


def _item(x):
    """What process_many accepts: text, (id, text), or a dict with text and optional id, lang, fields."""
    if isinstance(x, (str, bytes)):
        return x, None, None, None
    if isinstance(x, tuple):
        return x[1], x[0], None, None
    return x["text"], x.get("id"), x.get("lang"), x.get("fields")


class Pipeline:
    """A pipeline opened once, run on documents held in memory.

    Pipeline(path)                         a config file, as `docpipe run -c path`
    Pipeline(string=cfg, name=, base_dir=) a config held in memory; name stands for the file in messages
    Pipeline(description="news ! names ! jsonl path=-")
                                           a one-line pipeline, as `docpipe run -p`; messages say "-p:N"
    writers=True                           also start the config's writers: process(..., write=True)
                                           feeds them, close() commits their outputs
    """

    def __init__(self, config=None, *, string=None, name=None, base_dir=None, description=None, writers=False):
        if sum(x is not None for x in (config, string, description)) != 1:
            raise TypeError("Pipeline() takes one of: a config file, string=, description=")
        handle, msg = ctypes.c_void_p(), ctypes.c_void_p()
        flags = DP_PIPELINE_WRITERS if writers else 0
        if description is not None:
            rc = _lib.dp_pipeline_open_description(_bytes(description), _bytes(base_dir), flags,
                                                   ctypes.byref(handle), ctypes.byref(msg))
        elif config is not None:
            rc = _lib.dp_pipeline_open_file(_bytes(str(config)), flags, ctypes.byref(handle), ctypes.byref(msg))
        else:
            rc = _lib.dp_pipeline_open_string(_bytes(string), _bytes(name), _bytes(base_dir), flags,
                                              ctypes.byref(handle), ctypes.byref(msg))
        text = _take(msg.value) or "cannot open the pipeline"
        if rc != DP_EXIT_OK:
            self._p = None
            if rc == DP_EXIT_CONFIG:
                raise ConfigError(text, rc)
            raise DocpipeError(text.rstrip("\n"), rc)
        self._p = handle
        self.writers = writers

    @property
    def threads(self):
        """The worker threads process_many uses (the config's `threads`)."""
        return _lib.dp_pipeline_threads(self._handle())

    def _handle(self):
        if not self._p:
            raise DocpipeError("the pipeline is closed")
        return self._p

    @staticmethod
    def _new_doc(text, id, lang, fields):
        data = _bytes(text)
        cdoc = _lib.dp_doc_new(_bytes(id) if id is not None else b"doc", None)
        if not cdoc:
            raise MemoryError("docpipe: out of memory")
        ok = _lib.dp_doc_set_raw(cdoc, data, len(data)) == 0
        if ok and lang is not None:
            ok = _lib.dp_doc_set_lang(cdoc, _bytes(lang)) == 0
        for key, value in (fields or {}).items():
            for v in value if isinstance(value, (list, tuple)) else (value,):
                ok = ok and _lib.dp_doc_field_add(cdoc, _bytes(key), _bytes(v)) == 0
        if not ok:
            _lib.dp_doc_free(cdoc)
            raise MemoryError("docpipe: out of memory")
        return cdoc

    def _finish(self, cdoc, rc, msg, id, write):
        """The Document of a processed C document, or None when skipped; raises on failure."""
        if rc == DP_OK and write:
            m = ctypes.c_void_p()
            rc = _lib.dp_pipeline_write(self._p, cdoc, ctypes.byref(m))
            msg = _take(m.value)
        if rc == DP_SKIP:
            return None
        if rc == DP_FAILED:
            raise DocumentError(msg or "failed", rc, id)
        if rc != DP_OK:
            raise DocpipeError(msg or "fatal error", rc)
        return _document_of(cdoc)

    def process(self, text, id=None, *, lang=None, fields=None, write=False):
        """One document (str, or bytes in the source's encoding) through the pipeline.

        Returns a Document, or None when a plugin skipped it; raises DocumentError
        when it failed.  write=True (with writers=True) also gives it to the writers.
        """
        p = self._handle()
        cdoc = self._new_doc(text, id, lang, fields)
        try:
            msg = ctypes.c_void_p()
            rc = _lib.dp_pipeline_process(p, cdoc, ctypes.byref(msg))
            return self._finish(cdoc, rc, _take(msg.value), id, write)
        finally:
            _lib.dp_doc_free(cdoc)

    def process_many(self, items, *, batch=None, errors="raise", write=False):
        """Documents on the pipeline's worker threads, yielded in input order.

        items: texts, (id, text) pairs or dicts (text, id, lang, fields).
        errors="raise" raises the first DocumentError; errors="return": yields it
        in the document's place.  Skipped documents yield None.  While Python
        turns one batch into Documents, the pipeline's threads process the next
        (the C call runs without the GIL), as a run's workers and writer overlap.
        """
        if errors not in ("raise", "return"):
            raise ValueError("errors must be 'raise' or 'return'")
        size = batch or max(1, self.threads) * 16
        it = iter(items)
        pending = None
        try:
            while True:
                chunk = list(itertools.islice(it, size))
                started = self._start_batch(chunk) if chunk else None
                if pending:
                    done, pending = pending, None
                    yield from self._finish_batch(done, errors, write)
                if not started:
                    return
                pending = started
        finally:
            if pending:
                self._discard_batch(pending)

    def _start_batch(self, chunk):
        """C documents of chunk, processed by the pipeline on a thread of their own."""
        p = self._handle()
        n = len(chunk)
        docs, ids = (ctypes.c_void_p * n)(), []
        try:
            for i, x in enumerate(chunk):
                text, id, lang, fields = _item(x)
                ids.append(id)
                docs[i] = self._new_doc(text, id, lang, fields)
        except BaseException:
            self._free_docs(docs)
            raise
        results, msgs = (ctypes.c_int * n)(), (ctypes.c_void_p * n)()
        worker = threading.Thread(target=_lib.dp_pipeline_process_many, args=(p, docs, n, results, msgs))
        worker.start()
        return worker, docs, ids, results, msgs

    @staticmethod
    def _free_docs(docs):
        for d in docs:
            if d:
                _lib.dp_doc_free(d)

    def _discard_batch(self, started):
        worker, docs, _, _, msgs = started
        worker.join()
        for m in msgs:
            _take(m)
        self._free_docs(docs)

    def _finish_batch(self, started, errors, write):
        worker, docs, ids, results, msgs = started
        worker.join()
        try:
            texts = [_take(m) for m in msgs]
            out = []
            for i in range(len(docs)):
                try:
                    out.append(self._finish(docs[i], results[i], texts[i], ids[i], write))
                except DocumentError as e:
                    if errors == "raise":
                        raise
                    out.append(e)
        finally:
            self._free_docs(docs)
        return out

    def close(self):
        """Commit the writers' outputs (writers=True), stop every plugin.  Idempotent."""
        if not getattr(self, "_p", None):
            return
        p, self._p = self._p, None
        msg = ctypes.c_void_p()
        rc = _lib.dp_pipeline_close(p, ctypes.byref(msg))
        text = _take(msg.value)
        if rc != DP_EXIT_OK:
            raise DocpipeError((text or "close failed").rstrip("\n"), rc)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass
