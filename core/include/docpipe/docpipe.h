/*
 * docpipe/docpipe.h — the public API of docpipe: for plugin authors, and
 * for applications that run a pipeline (pipeline.h).
 *
 * Include this one header.  Build a plugin out of tree with
 *     cc -shared -fPIC $(pkg-config --cflags docpipe) my.c \
 *        $(pkg-config --libs docpipe) -o recognizer_my.so
 *
 *   arena.h    per-document memory
 *   doc.h      the document: text, fields, segments, entities, translations
 *   text.h     UTF-8, offsets, normalization, matching keys, decoding
 *   nonprose.h URLs, e-mail addresses, file names: text that is not prose
 *   error.h    dp_error: how failures are reported, the out-of-memory policy
 *   chars.h    character classes: uppercase, word characters, white space
 *   plugin.h   the plugin descriptor, options, the threading contract
 *   outfile.h  crash-safe, resumable output files for writers
 *   path.h     joining paths, creating folders
 *   tsv.h      reading the TAB-separated data files, errors with file:line
 *   json.h     a small JSON string escaper shared by writers
 *   doc_json.h a document as one JSON object (the jsonl writer's schema)
 *   strbuf.h   a growable string builder
 *   harness.h  run one plugin on one document (tests, `docpipe try`)
 *   pipeline.h open a pipeline from a config, process in-memory documents
 *   exitcode.h the exit codes of a run, named once
 */
#ifndef DOCPIPE_DOCPIPE_H
#define DOCPIPE_DOCPIPE_H

#include "arena.h"
#include "chars.h"
#include "doc.h"
#include "doc_json.h"
#include "error.h"
#include "exitcode.h"
#include "harness.h"
#include "json.h"
#include "nonprose.h"
#include "outfile.h"
#include "path.h"
#include "pipeline.h"
#include "plugin.h"
#include "strbuf.h"
#include "text.h"
#include "tsv.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The library's version, e.g. "0.1.0". */
const char *dp_version(void);

#ifdef __cplusplus
}
#endif
#endif /* DOCPIPE_DOCPIPE_H */
