/* The dead-letter file: failed records as JSON lines, crash-safe like every output. */
#include <stdio.h>
#include <stdlib.h>

#include "deadletter.h"
#include "outfile_impl.h"

struct dp_deadletter {
    dp_outfile *out;
};

dp_deadletter *dp_deadletter_open(const char *path, int resuming, dp_error *err)
{
    dp_deadletter *d = calloc(1, sizeof *d);
    if (!d) { dp_fail_nomem(err); return NULL; }
    if (!(d->out = dp_outfile_open_path(path, resuming, 0, err))) {
        free(d);
        return NULL;
    }
    return d;
}

void dp_deadletter_write(dp_deadletter *d, const dp_record *r)
{
    FILE *f = dp_outfile_stream(d->out);
    if (!f) return;
    fputs("{\"id\":", f);
    dp_json_write_cstr(f, r->id);
    fputs(",\"source\":", f);
    dp_json_write_cstr(f, r->source);
    if (r->line) fprintf(f, ",\"line\":%ld", r->line);
    fputs(",\"instance\":", f);
    dp_json_write_cstr(f, r->fail_instance);
    fputs(",\"message\":", f);
    dp_json_write_cstr(f, r->message);
    fputs("}\n", f);
}

int dp_deadletter_checkpoint(dp_deadletter *d, char *token, size_t size, dp_error *err)
{
    return dp_outfile_checkpoint(d->out, token, size, err);
}

int dp_deadletter_restore(dp_deadletter *d, const char *token, int completing, dp_error *err)
{
    return dp_outfile_restore_to(d->out, token, completing, err);
}

int dp_deadletter_commit(dp_deadletter *d, dp_error *err) { return dp_outfile_commit(d->out, err); }

void dp_deadletter_close(dp_deadletter *d)
{
    if (!d) return;
    dp_outfile_close(d->out);
    free(d);
}
