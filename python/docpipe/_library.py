"""Loading libdocpipe and declaring the C functions the binding calls (docpipe/pipeline.h)."""
import ctypes
import ctypes.util
import os

SONAME = "libdocpipe.so.2"


def _candidates():
    env = os.environ.get("DOCPIPE_LIBRARY")
    if env:
        yield env
        return
    try:
        from ._installed import LIBDIR  # written by `make install`
        yield os.path.join(LIBDIR, SONAME)
    except ImportError:
        pass
    yield SONAME
    found = ctypes.util.find_library("docpipe")
    if found:
        yield found


def load():
    errors = []
    for path in _candidates():
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:
            errors.append(str(e))
            continue
        _declare(lib)
        return lib
    raise OSError("libdocpipe not found (set DOCPIPE_LIBRARY to the path of %s): %s"
                  % (SONAME, "; ".join(errors)))


class DocJsonOpts(ctypes.Structure):
    _fields_ = [("unit", ctypes.c_int), ("pretty", ctypes.c_int), ("text", ctypes.c_int),
                ("segments", ctypes.c_int)]


def _declare(lib):
    P, c_char_pp, c_int, c_size_t = ctypes.c_void_p, ctypes.POINTER(ctypes.c_char_p), ctypes.c_int, ctypes.c_size_t
    sigs = {
        "dp_version": (ctypes.c_char_p, []),
        "dp_pipeline_open_file": (c_int, [ctypes.c_char_p, ctypes.c_uint, ctypes.POINTER(P), ctypes.POINTER(P)]),
        "dp_pipeline_open_string": (c_int, [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint,
                                            ctypes.POINTER(P), ctypes.POINTER(P)]),
        "dp_pipeline_open_description": (c_int, [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint, ctypes.POINTER(P),
                                                 ctypes.POINTER(P)]),
        "dp_pipeline_threads": (c_int, [P]),
        "dp_pipeline_process": (c_int, [P, P, ctypes.POINTER(P)]),
        "dp_pipeline_process_many": (ctypes.c_long, [P, ctypes.POINTER(P), c_size_t, ctypes.POINTER(c_int),
                                                     ctypes.POINTER(P)]),
        "dp_pipeline_write": (c_int, [P, P, ctypes.POINTER(P)]),
        "dp_pipeline_close": (c_int, [P, ctypes.POINTER(P)]),
        "dp_doc_new": (P, [ctypes.c_char_p, ctypes.c_char_p]),
        "dp_doc_free": (None, [P]),
        "dp_doc_set_raw": (c_int, [P, ctypes.c_char_p, c_size_t]),
        "dp_doc_set_lang": (c_int, [P, ctypes.c_char_p]),
        "dp_doc_field_add": (c_int, [P, ctypes.c_char_p, ctypes.c_char_p]),
        "dp_doc_to_json": (P, [P, ctypes.POINTER(DocJsonOpts), ctypes.POINTER(c_size_t)]),
        "dp_free": (None, [P]),
    }
    del c_char_pp
    for name, (res, args) in sigs.items():
        fn = getattr(lib, name)
        fn.restype = res
        fn.argtypes = args
