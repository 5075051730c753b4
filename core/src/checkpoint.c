/* Checkpoint file: a few text lines with escaped names, replaced atomically. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checkpoint.h"
#include "safefile.h"

#define FORMAT_LINE "docpipe-checkpoint 2"

void dp_checkpoint_init(dp_checkpoint *c) { memset(c, 0, sizeof *c); }

void dp_checkpoint_clear_tokens(dp_checkpoint *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->names[i]);
        free(c->tokens[i]);
    }
    c->n = 0;
}

void dp_checkpoint_free(dp_checkpoint *c)
{
    dp_checkpoint_clear_tokens(c);
    free(c->names);
    free(c->tokens);
    free(c->fingerprint);
    dp_checkpoint_init(c);
}

int dp_checkpoint_set_fingerprint(dp_checkpoint *c, const char *fingerprint)
{
    char *f = strdup(fingerprint ? fingerprint : "-");
    if (!f) return -1;
    free(c->fingerprint);
    c->fingerprint = f;
    return 0;
}

int dp_checkpoint_add(dp_checkpoint *c, const char *name, const char *token)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 8;
        char **nn = realloc(c->names, cap * sizeof *nn);
        if (!nn) return -1;
        c->names = nn;
        char **nt = realloc(c->tokens, cap * sizeof *nt);
        if (!nt) return -1;
        c->tokens = nt;
        c->cap = cap;
    }
    char *n = strdup(name), *t = strdup(token);
    if (!n || !t) {
        free(n);
        free(t);
        return -1;
    }
    c->names[c->n] = n;
    c->tokens[c->n] = t;
    c->n++;
    return 0;
}

const char *dp_checkpoint_token(const dp_checkpoint *c, const char *name)
{
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->names[i], name)) return c->tokens[i];
    return NULL;
}

static void put_escaped(dp_strbuf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p > ' ' && *p < 0x7f && *p != '%') dp_strbuf_add(b, (const char *)p, 1);
        else dp_strbuf_printf(b, "%%%02X", *p);
    }
}

static int hex_digit(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/* Undo put_escaped in place; -1 for a malformed escape or a byte that should have been escaped. */
static int unescape(char *s)
{
    char *o = s;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '%') {
            int hi = hex_digit(p[1]), lo = hi < 0 ? -1 : hex_digit(p[2]);
            if (lo < 0 || (hi == 0 && lo == 0)) return -1;
            *o++ = (char)(hi * 16 + lo);
            p += 2;
        } else if (c <= ' ' || c >= 0x7f) {
            return -1;
        } else {
            *o++ = (char)c;
        }
    }
    *o = '\0';
    return 0;
}

static char *temp_name(const char *path)
{
    size_t n = strlen(path) + 5;
    char *tmp = malloc(n);
    if (tmp) snprintf(tmp, n, "%s.tmp", path);
    return tmp;
}

int dp_checkpoint_write_temp(const char *path, const dp_checkpoint *c)
{
    dp_strbuf b = { 0 };
    dp_strbuf_puts(&b, FORMAT_LINE "\nfingerprint ");
    put_escaped(&b, c->fingerprint ? c->fingerprint : "-");
    dp_strbuf_printf(&b, "\nstate %s\nnext %" PRIu64 "\ncounts %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 "\n",
                     c->committing ? "commit" : "running", c->next, c->ok, c->failed, c->skipped, c->renamed);
    for (size_t i = 0; i < c->n; i++) {
        dp_strbuf_puts(&b, "token ");
        put_escaped(&b, c->names[i]);
        dp_strbuf_puts(&b, " ");
        put_escaped(&b, c->tokens[i]);
        dp_strbuf_puts(&b, "\n");
    }
    char *tmp = temp_name(path);
    if (b.oom || !tmp) {
        dp_strbuf_free(&b);
        free(tmp);
        errno = ENOMEM;
        return -1;
    }
    int fd = dp_safe_create(tmp);
    int rc = fd < 0 || dp_write_all(fd, b.data, b.len) < 0 || fsync(fd) < 0 ? -1 : 0;
    int e = errno;
    if (fd >= 0 && close(fd) < 0 && rc == 0) {
        rc = -1;
        e = errno;
    }
    if (rc < 0 && fd >= 0) unlink(tmp);
    dp_strbuf_free(&b);
    free(tmp);
    errno = e;
    return rc;
}

int dp_checkpoint_install(const char *path)
{
    char *tmp = temp_name(path);
    if (!tmp) {
        errno = ENOMEM;
        return -1;
    }
    int rc = dp_rename_durable(tmp, path);
    int e = errno;
    free(tmp);
    errno = e;
    return rc;
}

int dp_checkpoint_remove(const char *path)
{
    char *tmp = temp_name(path);
    if (!tmp) {
        errno = ENOMEM;
        return -1;
    }
    unlink(tmp);
    free(tmp);
    if (unlink(path) < 0 && errno != ENOENT) return -1;
    return dp_sync_dir_of(path);
}

/* One "key value…" line into c; 0, or -1 when malformed or memory ran out. */
static int parse_line(char *line, dp_checkpoint *c, int *have_next, int *have_state)
{
    char *sp = strchr(line, ' ');
    if (!sp) return -1;
    *sp = '\0';
    char *rest = sp + 1;
    if (!strcmp(line, "fingerprint")) {
        return unescape(rest) < 0 || dp_checkpoint_set_fingerprint(c, rest) < 0 ? -1 : 0;
    }
    if (!strcmp(line, "state")) {
        if (strcmp(rest, "running") && strcmp(rest, "commit")) return -1;
        c->committing = !strcmp(rest, "commit");
        *have_state = 1;
        return 0;
    }
    char end;
    if (!strcmp(line, "next")) {
        *have_next = 1;
        return sscanf(rest, "%" SCNu64 "%c", &c->next, &end) == 1 ? 0 : -1;
    }
    if (!strcmp(line, "counts"))
        return sscanf(rest, "%" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64 "%c", &c->ok, &c->failed, &c->skipped,
                      &c->renamed, &end) == 4 ? 0 : -1;
    if (!strcmp(line, "token")) {
        char *tok = strchr(rest, ' ');
        if (!tok) return -1;
        *tok++ = '\0';
        if (unescape(rest) < 0 || unescape(tok) < 0 || dp_checkpoint_token(c, rest)) return -1;
        return dp_checkpoint_add(c, rest, tok);
    }
    return -1;
}

int dp_checkpoint_load(const char *path, dp_checkpoint *c, dp_strbuf *err)
{
    dp_checkpoint_free(c);
    int fd = dp_safe_open(path, 0);
    if (fd < 0) {
        if (errno == ENOENT) return 0;
        dp_strbuf_printf(err, "%s: cannot read the checkpoint: %s\n", path,
                         errno == ELOOP || errno == EINVAL ? "not a regular file" : strerror(errno));
        return -1;
    }
    FILE *f = fdopen(fd, "r");
    if (!f) {
        close(fd);
        dp_strbuf_printf(err, "%s: cannot read the checkpoint: %s\n", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int lineno = 0, have_next = 0, have_state = 0, bad = 0;
    while (!bad && (len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (len == 0 || line[len - 1] != '\n' || memchr(line, '\0', (size_t)len)) { bad = 1; break; }
        line[len - 1] = '\0';
        if (lineno == 1) {
            if (strcmp(line, FORMAT_LINE) != 0) {
                dp_strbuf_printf(err, "%s:1: not a checkpoint of this docpipe version (it expects \"" FORMAT_LINE
                                 "\"); delete it to start from the beginning\n", path);
                free(line);
                fclose(f);
                return -1;
            }
            continue;
        }
        bad = parse_line(line, c, &have_next, &have_state) < 0;
    }
    int read_error = ferror(f);
    free(line);
    fclose(f);
    if (bad || read_error || lineno == 0 || !have_next || !have_state || !c->fingerprint) {
        dp_strbuf_printf(err, "%s:%d: malformed checkpoint file (cut short or edited); delete it to start from "
                         "the beginning\n", path, lineno);
        dp_checkpoint_free(c);
        return -1;
    }
    return 1;
}
