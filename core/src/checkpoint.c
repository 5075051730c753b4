/* Checkpoint file: a few text lines, replaced atomically. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checkpoint.h"

int dp_checkpoint_save(const char *path, const dp_checkpoint *c)
{
    size_t n = strlen(path) + 8;
    char *tmp = malloc(n);
    if (!tmp) return -1;
    snprintf(tmp, n, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f) { free(tmp); return -1; }
    fprintf(f, "docpipe-checkpoint 1\nfingerprint %s\nnext %" PRIu64 "\ncounts %" PRIu64 " %" PRIu64 " %" PRIu64 "\n",
            c->fingerprint, c->next, c->ok, c->failed, c->skipped);
    for (size_t i = 0; i < c->n; i++) fprintf(f, "token %s %s\n", c->names[i], c->tokens[i]);
    int bad = fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0;
    int e = errno;
    if (fclose(f) != 0) bad = 1;
    if (bad || rename(tmp, path) != 0) {
        if (!bad) e = errno;
        unlink(tmp);
        free(tmp);
        errno = e;
        return -1;
    }
    free(tmp);
    return 0;
}

int dp_checkpoint_load(const char *path, dp_checkpoint *c, dp_strbuf *err)
{
    memset(c, 0, sizeof *c);
    FILE *f = fopen(path, "r");
    if (!f) {
        if (errno == ENOENT) return 0;
        dp_strbuf_printf(err, "%s: cannot read the checkpoint: %s\n", path, strerror(errno));
        return -1;
    }
    char line[1024];
    int lineno = 0, have_next = 0, rc = 1;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\n")] = '\0';
        if (lineno == 1) {
            if (strcmp(line, "docpipe-checkpoint 1") != 0) { rc = -1; break; }
        } else if (!strncmp(line, "fingerprint ", 12)) {
            snprintf(c->fingerprint, sizeof c->fingerprint, "%.127s", line + 12);
        } else if (sscanf(line, "next %" SCNu64, &c->next) == 1) {
            have_next = 1;
        } else if (sscanf(line, "counts %" SCNu64 " %" SCNu64 " %" SCNu64, &c->ok, &c->failed, &c->skipped) == 3) {
            /* counted */
        } else if (!strncmp(line, "token ", 6) && c->n < DP_CKPT_MAX_TOKENS) {
            char *name = line + 6, *sp = strchr(name, ' ');
            if (!sp) { rc = -1; break; }
            *sp = '\0';
            snprintf(c->names[c->n], sizeof c->names[c->n], "%.127s", name);
            snprintf(c->tokens[c->n], sizeof c->tokens[c->n], "%.255s", sp + 1);
            c->n++;
        } else {
            rc = -1;
            break;
        }
    }
    fclose(f);
    if (rc < 0 || !have_next) {
        dp_strbuf_printf(err, "%s:%d: malformed checkpoint file; delete it to start from the beginning\n", path,
                         lineno);
        return -1;
    }
    return 1;
}

const char *dp_checkpoint_token(const dp_checkpoint *c, const char *name)
{
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->names[i], name)) return c->tokens[i];
    return NULL;
}
