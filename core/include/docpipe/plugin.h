/*
 * docpipe/plugin.h — the plugin ABI.
 *
 * A plugin is a shared object (a libtool module) that exports exactly one
 * symbol, `docpipe_plugin`, a const dp_plugin descriptor:
 *
 *     #include <docpipe/docpipe.h>
 *
 *     static const dp_option options[] = {
 *         { "min_length", DP_OPT_INT, "2", 0, NULL, "shortest match, in characters" },
 *         DP_OPTION_END
 *     };
 *
 *     DP_PLUGIN_EXPORT const dp_plugin docpipe_plugin = {
 *         DP_PLUGIN_HEADER(DP_KIND_RECOGNIZER),
 *         .name = "example", .version = "1.0", .description = "…",
 *         .options = options, .consumes = "text", .produces = "entity",
 *         .init = example_init, .process = example_process, .fini = example_fini,
 *     };
 *
 * The module file is named `<kind>_<name>` (recognizer_example.so), so one
 * name may exist once per kind: the `jsonl` source and the `jsonl` writer.
 *
 * VERSIONING.  DOCPIPE_ABI_MAJOR changes when the descriptor or any public
 * function changes incompatibly; DOCPIPE_ABI_MINOR when something is added.
 * The loader refuses a plugin whose major differs from the core's or whose
 * minor is newer than the core's, naming both versions and the file.
 * Members are only ever appended to dp_plugin; struct_size tells the core how
 * much of the descriptor a plugin knows, and members beyond it read as NULL.
 *
 * LIFE CYCLE.  For each configured *instance* (a plugin plus its options):
 *
 *   init(inst, &state)         once, single-threaded, before any document.
 *                              Read options with dp_opt_*(); on failure
 *                              `return dp_instance_error(inst, "…");`
 *                              (out of memory: dp_instance_nomem(inst)).
 *   restore(state, token)      only with `docpipe run --resume`, writers only,
 *                              before any document: return to the checkpoint.
 *   process(state, doc, err)   once per document (see threading below).
 *   checkpoint(state, tok, n)  writers: make all output so far durable and
 *                              describe it in `tok` (at most n bytes).
 *   flush(state, err)          once, after the last document, when the run
 *                              completed: commit outputs (rename temp files).
 *   fini(state)                once for every instance whose init succeeded,
 *                              single-threaded: free everything.  (An init
 *                              that fails frees what it allocated itself.)
 *                              A writer that was not flushed leaves its
 *                              temporary output for a later --resume.
 *
 * PROCESS RESULT.  DP_OK; DP_SKIP (drop the document on purpose, counted as
 * skipped); DP_FAILED (this document is bad: it goes to the dead-letter file
 * with err's message and the batch goes on); DP_FATAL (the pipeline cannot go
 * on: the run stops without committing its outputs, exit 74; what was
 * checkpointed before can be resumed).  Messages go through err (error.h),
 * which the core prefixes with the instance; out of memory is reported with
 * dp_fail_nomem(err) and stops the run with exit 70.
 *
 * THREADING CONTRACT.
 *   - A dp_doc belongs to one thread at a time; a plugin may do anything to
 *     the document it is given during process().
 *   - Sources, recognizers and translators: process() is called from several
 *     worker threads at once, on different documents, with the same state.
 *     State must therefore be read-only after init (or protected by the
 *     plugin's own locks).  A plugin that cannot allow this sets
 *     DP_PLUGIN_SERIAL and the core never calls it concurrently.
 *   - Writers: process() is called from a single thread, in input order.
 *   - init, restore, flush and fini are never concurrent with anything.
 *
 * SOURCES.  The core enumerates inputs (files, directories, globs, stdin),
 * reads them, decodes them to clean NFC UTF-8 (text.h) and hands each record
 * to the source as the document's raw bytes (dp_doc_raw).  By default one
 * input file is one record; with DP_SOURCE_LINES every non-empty line is one
 * (JSON Lines).  The source's process() parses raw into text, fields and
 * segments, and may set the id.  Options common to every source (paths,
 * include, exclude, encoding, max_size …) are handled by the core and listed
 * by `docpipe plugins NAME` with the plugin's own.
 *
 * CAPABILITIES.  consumes/produces are space-separated words ("text",
 * "fields", "segments", "entity", "entity.translation", "translation").  The
 * chain is valid when every word an instance consumes is produced by the
 * source or an earlier instance; `docpipe check` verifies it.
 */
#ifndef DOCPIPE_PLUGIN_H
#define DOCPIPE_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "error.h"
#include "strbuf.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DOCPIPE_ABI_MAJOR 2
#define DOCPIPE_ABI_MINOR 2

#if defined(__GNUC__)
#define DP_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define DP_PLUGIN_EXPORT
#endif

typedef enum dp_kind {
    DP_KIND_SOURCE = 1,
    DP_KIND_RECOGNIZER = 2,
    DP_KIND_TRANSLATOR = 3,
    DP_KIND_WRITER = 4
} dp_kind;

/* Results of process(), flush(), checkpoint() and restore(): DP_OK, DP_SKIP,
 * DP_FAILED, DP_FATAL (error.h). */

/* Plugin flags. */
#define DP_PLUGIN_SERIAL 0x1u /* never call process() concurrently */
#define DP_SOURCE_LINES 0x2u  /* sources: one record per input line */

typedef enum dp_opt_type {
    DP_OPT_STRING = 1,
    DP_OPT_INT = 2,
    DP_OPT_FLOAT = 3,
    DP_OPT_BOOL = 4,
    DP_OPT_ENUM = 5,     /* a string from `choices`, "a|b|c" */
    DP_OPT_PATH = 6,     /* an input file; relative paths resolve against the
                            directory of the config file */
    DP_OPT_LIST = 7,     /* a list of strings (a single string is accepted) */
    DP_OPT_PATH_LIST = 8, /* a list of DP_OPT_PATH */
    /* Since ABI 2.1.  A writer declares where it writes with these, so that
     * the run plan can check every output of a run together (distinct, not a
     * system path, writable) and lock it while the run writes. */
    DP_OPT_OUTPUT = 9,    /* an output file, relative to the current directory; "-": standard output */
    DP_OPT_OUTPUT_DIR = 10, /* an output folder, relative to the current directory */
    /*
     * Since ABI 2.2: a data file the plugin reads, named as the user writes it
     * ("vi/ranks.tsv", also as the table's default) and looked up by the
     * core on the data search path: next to the config, then in its
     * `data_path`, $DOCPIPE_DATA_PATH and the installed data folder.  An
     * absolute path, or one starting with "./" or "../" (relative to the
     * config), is taken as written.  The plugin reads the file found: a
     * name found nowhere stops the run before init with every place
     * searched.  Use it for every file a plugin ships defaults for; never
     * name "../data" in a plugin.
     */
    DP_OPT_DATA = 11,
    DP_OPT_DATA_LIST = 12 /* a list of DP_OPT_DATA; a name with * ? [ stands for
                             every file it matches (in the first folder of the
                             search where it matches any), sorted */
} dp_opt_type;

/* One row of a plugin's declarative option table. */
typedef struct dp_option {
    const char *name;
    dp_opt_type type;
    const char *default_value; /* as text ("4", "true", "a,b" for lists); NULL: none */
    int required;
    const char *choices;       /* DP_OPT_ENUM only */
    const char *help;
} dp_option;

#define DP_OPTION_END { NULL, (dp_opt_type)0, NULL, 0, NULL, NULL }

typedef struct dp_instance dp_instance; /* a configured plugin; owned by the core */

typedef struct dp_plugin {
    uint32_t abi_major;
    uint32_t abi_minor;
    uint32_t struct_size;
    dp_kind kind;
    const char *name;
    const char *version;
    const char *description;
    const dp_option *options; /* terminated by DP_OPTION_END; may be NULL */
    const char *consumes;
    const char *produces;
    uint32_t flags;

    int (*init)(dp_instance *inst, void **state);
    int (*process)(void *state, dp_doc *doc, dp_error *err);
    int (*flush)(void *state, dp_error *err);
    void (*fini)(void *state);
    int (*checkpoint)(void *state, char *token, size_t size, dp_error *err);
    int (*restore)(void *state, const char *token, dp_error *err);
    /* ABI 2.0 ends here; later minors append members below. */

    /*
     * ABI 2.1, writers only, optional (both or neither): process() split in
     * two so that a run does the costly half in parallel.  render() turns a
     * document into the exact bytes the writer will write; the core calls it
     * on the worker threads, concurrently for different documents (read the
     * state, never change it).  write() then gets those bytes on the writer
     * thread, strictly in input order, as process() would have been called.
     * process() stays the one call for everything else (docpipe try, the
     * harness) and must write the same bytes.  render() returning DP_SKIP
     * writes nothing for that document; DP_FAILED fails the document before
     * any writer has written it.
     */
    int (*render)(void *state, const dp_doc *doc, dp_strbuf *out, dp_error *err);
    int (*write)(void *state, const char *bytes, size_t len, dp_error *err);
} dp_plugin;

#define DP_PLUGIN_HEADER(kind_)                                                 \
    .abi_major = DOCPIPE_ABI_MAJOR, .abi_minor = DOCPIPE_ABI_MINOR,           \
    .struct_size = (uint32_t)sizeof(dp_plugin), .kind = (kind_)

/* ---- options (valid from init until fini) --------------------------------- */

/*
 * The value of an option of the calling instance, with the table's default
 * applied.  Strings, enums and paths: NULL when unset without default (paths
 * are returned resolved).  Asking for a name that is not in the table, or
 * with the wrong accessor, is a programming error: it is logged and the
 * zero value returned.
 */
const char *dp_opt_str(const dp_instance *inst, const char *name);
long long dp_opt_int(const dp_instance *inst, const char *name);
double dp_opt_float(const dp_instance *inst, const char *name);
int dp_opt_bool(const dp_instance *inst, const char *name);
/* Lists: number of items and the i-th item (paths and data files resolved). */
size_t dp_opt_count(const dp_instance *inst, const char *name);
const char *dp_opt_item(const dp_instance *inst, const char *name, size_t i);
/* Non-zero when the option was written in the config (not defaulted). */
int dp_opt_isset(const dp_instance *inst, const char *name);

/* ---- instance context ----------------------------------------------------- */

/* The instance name (config `name`, else the plugin name). */
const char *dp_instance_name(const dp_instance *inst);
/* "file:line" of the instance in its config, for messages. */
const char *dp_instance_where(const dp_instance *inst);
/* Non-zero when this run continues an interrupted one (--resume). */
int dp_instance_resuming(const dp_instance *inst);
/* Worker threads of this run (>= 1). */
int dp_instance_threads(const dp_instance *inst);
/*
 * Non-zero under `docpipe check`: init() must validate (load data, check
 * that output places are writable) but create no output.
 */
int dp_instance_checking(const dp_instance *inst);

/*
 * Report why init failed, into the instance's own dp_error (error.h); returns
 * -1 so that init writes `return dp_instance_error(inst, "…", …);`.  The core
 * prints it after the instance's file:line, kind and name ("my.cfg:4:
 * recognizer 'names' failed to start: …"): do not name the plugin again.
 */
int dp_instance_error(dp_instance *inst, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Report exhausted memory in init (the dp_fail_nomem of init); returns -1.
 * docpipe then exits with DP_EXIT_SOFTWARE (70), not as for a bad config.
 */
int dp_instance_nomem(dp_instance *inst);

/* ---- logging -------------------------------------------------------------- */

typedef enum dp_log_level {
    DP_LOG_ERROR = 0,
    DP_LOG_WARN = 1,
    DP_LOG_INFO = 2,
    DP_LOG_DEBUG = 3
} dp_log_level;

/*
 * Log one line to stderr, prefixed with the level and the instance as errors
 * are ("docpipe: warning: [recognizer:gazetteer] …"); thread-safe.  inst may
 * be NULL.  DP_LOG_DEBUG lines are dropped.
 */
void dp_log(const dp_instance *inst, dp_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#ifdef __cplusplus
}
#endif
#endif /* DOCPIPE_PLUGIN_H */
