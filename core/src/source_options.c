/* The options every source takes: the table and the validation of how records are read. */
#include <stdlib.h>

#include "docpipe/plugin.h"
#include "docpipe/text.h"
#include "error_impl.h"
#include "source_options.h"

const dp_option dp_source_options[] = {
    { "paths", DP_OPT_PATH_LIST, NULL, 0, NULL,
      "inputs: files, directories (walked recursively) or glob patterns; '-' is standard input. "
      "Inputs named on the command line replace them" },
    { "include", DP_OPT_LIST, NULL, 0, NULL, "glob patterns a file name must match when walking directories (default: all)" },
    { "exclude", DP_OPT_LIST, NULL, 0, NULL, "glob patterns of file names to skip when walking directories" },
    { "recursive", DP_OPT_BOOL, "true", 0, NULL, "descend into subdirectories" },
    { "encoding", DP_OPT_STRING, "auto", 0, NULL,
      "input encoding: auto (UTF-8, BOM, UTF-16), utf-8, utf-16le, utf-16be, windows-1258, tcvn3, viscii or any iconv name" },
    { "max_size", DP_OPT_STRING, "64M", 0, NULL, "largest input record (K, M, G suffixes); larger ones are dead-lettered" },
    DP_OPTION_END
};

static const char *where_of(const dp_optval *v, const char *fallback)
{
    return v && v->where ? v->where : fallback;
}

int dp_source_settings_read(const dp_optset *opts, unsigned plugin_flags, const char *where,
                            const char *plugin_name, dp_source_settings *out, dp_strbuf *errs)
{
    int nerr = 0;
    out->lines = (plugin_flags & DP_SOURCE_LINES) != 0;

    const dp_optval *size = dp_optset_find(opts, "max_size");
    out->max_size = size && size->str ? dp_parse_size(size->str) : -1;
    if (out->max_size < 0) {
        dp_strbuf_printf(errs, "%s: option 'max_size' of plugin '%s': '%s' is not a size (a number of bytes with "
                         "an optional K, M or G suffix, e.g. 64M)\n", where_of(size, where), plugin_name,
                         size && size->str ? size->str : "");
        nerr++;
    }

    /* Decoding nothing opens the converter exactly as decoding a record will. */
    const dp_optval *enc = dp_optset_find(opts, "encoding");
    out->encoding = enc ? enc->str : NULL;
    dp_error err;
    dp_error_clear(&err);
    char *empty = NULL;
    size_t n = 0;
    if (dp_text_decode("", 0, out->encoding, &empty, &n, &err) < 0) {
        if (dp_error_nomem(&err)) dp_strbuf_puts(errs, "out of memory\n");
        else dp_strbuf_printf(errs, "%s: option 'encoding' of plugin '%s': %s (use auto, utf-8, utf-16le, utf-16be, "
                              "windows-1258, tcvn3, viscii or a name `iconv -l` lists)\n", where_of(enc, where),
                              plugin_name, dp_error_message(&err));
        nerr++;
    }
    free(empty);
    return nerr;
}
