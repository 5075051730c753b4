/* Written ids: duplicates renamed ID~N, the hashes kept in memory and beside the checkpoint. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "idset.h"
#include "log.h"
#include "outfile_impl.h"
#include "safefile.h"

int dp_idset_open(dp_idset *s, const char *checkpoint, int resuming, dp_error *err)
{
    memset(s, 0, sizeof *s);
    dp_u64map_init(&s->seen, 0);
    if (!checkpoint) return 0;
    size_t n = strlen(checkpoint) + 16;
    char *path = malloc(n);
    s->log_tmp = malloc(n);
    if (!path || !s->log_tmp) {
        free(path);
        return dp_fail_nomem(err);
    }
    snprintf(path, n, "%s%s", checkpoint, DP_IDSET_TOKEN);
    snprintf(s->log_tmp, n, "%s%s.tmp", checkpoint, DP_IDSET_TOKEN);
    s->log = dp_outfile_open_path(path, resuming, 0, err);
    free(path);
    return s->log ? 0 : DP_FATAL;
}

static uint64_t id_hash(const char *id) { return dp_hash_bytes(DP_HASH_INIT, id, strlen(id)); }

int dp_idset_claim(dp_idset *s, dp_doc *doc, const char *source)
{
    const char *id = dp_doc_id(doc) ? dp_doc_id(doc) : "";
    uint64_t h = id_hash(id);
    int renamed = 0;
    if (dp_u64map_get(&s->seen, h, NULL)) {
        size_t n = strlen(id) + 24;
        char *alt = malloc(n);
        if (!alt) return -1;
        for (unsigned long k = 2;; k++) {
            snprintf(alt, n, "%s~%lu", id, k);
            if (!dp_u64map_get(&s->seen, h = id_hash(alt), NULL)) break;
        }
        if (!s->warned)
            dp_core_log(DP_LOG_WARN, "%s: document id '%s' was written already, by an earlier document: written as "
                        "'%s' (later duplicate ids are renamed the same way; the summary counts them)", source, id, alt);
        s->warned = 1;
        s->renamed++;
        int rc = dp_doc_set_id(doc, alt);
        free(alt);
        if (rc < 0) return -1;
        renamed = 1;
    }
    if (dp_u64map_add(&s->seen, h, 0) < 0) return -1;
    if (s->log) fprintf(dp_outfile_stream(s->log), "%016" PRIx64 "\n", h);
    return renamed;
}

int dp_idset_checkpoint(dp_idset *s, char *token, size_t size, dp_error *err)
{
    if (!s->log) {
        snprintf(token, size, "-");
        return DP_OK;
    }
    return dp_outfile_checkpoint(s->log, token, size, err);
}

int dp_idset_restore(dp_idset *s, const char *token, int completing, dp_error *err)
{
    if (!s->log) return DP_OK;
    int rc = dp_outfile_restore_to(s->log, token, completing, err);
    if (rc != DP_OK || completing) return rc;
    /* Restored and verified: read the hashes back. */
    FILE *f = fopen(s->log_tmp, "r");
    if (!f) return dp_fail(err, DP_FATAL, "cannot read %s: %s", s->log_tmp, strerror(errno));
    char line[32];
    while (rc == DP_OK && fgets(line, sizeof line, f)) {
        char *end;
        uint64_t h = strtoull(line, &end, 16);
        if (end != line + 16 || *end != '\n') rc = dp_fail(err, DP_FAILED, "%s: not a list of ids", s->log_tmp);
        else if (dp_u64map_add(&s->seen, h, 0) < 0) rc = dp_fail_nomem(err);
    }
    fclose(f);
    return rc;
}

void dp_idset_close(dp_idset *s, int remove_list)
{
    dp_outfile_close(s->log);
    if (remove_list && s->log_tmp) unlink(s->log_tmp);
    free(s->log_tmp);
    dp_u64map_free(&s->seen);
    memset(s, 0, sizeof *s);
}
