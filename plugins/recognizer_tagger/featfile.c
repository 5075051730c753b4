/*
 * featfile.c — the features file docpipe-train reads (libconfig syntax):
 *
 *   templates = [ "bias", "lower[0]", "lower[-1]|lower[0]", "gaz[0]", … ];
 *   lists = ( "../../data/vi/countries.tsv",                       # type: 2nd column
 *             { path = "../../data/vi/titles.tsv"; type = "TITLE"; } );   # every row TITLE
 *
 * List paths are relative to the features file.  The template hash covers
 * the feature extractor's version, the canonical templates and the lists'
 * content, so a model is only ever paired with the features it was trained on.
 */
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tagger.h"

void tg_featset_free(tg_featset *fs)
{
    tg_templates_free(&fs->tpl);
    tg_gaz_free(&fs->gaz);
}

int tg_featset_default(tg_featset *fs, char *err, size_t errlen)
{
    memset(fs, 0, sizeof *fs);
    return tg_templates_parse(tg_default_templates, tg_default_templates_n, &fs->tpl, err, errlen);
}

uint64_t tg_featset_hash(const tg_featset *fs)
{
    uint32_t v = TG_FEATURE_VERSION;
    uint64_t h = tg_fnv1a(TG_FNV_OFFSET, &v, sizeof v);
    h = tg_fnv1a(h, fs->tpl.text, strlen(fs->tpl.text));
    uint64_t g = tg_gaz_fingerprint(&fs->gaz);
    return tg_fnv1a(h, &g, sizeof g);
}

/* dir of path + "/" + rel, unless rel is absolute. */
static char *resolve(const char *path, const char *rel)
{
    const char *slash = strrchr(path, '/');
    size_t dlen = rel[0] == '/' || !slash ? 0 : (size_t)(slash - path) + 1;
    char *out = malloc(dlen + strlen(rel) + 1);
    if (!out) return NULL;
    memcpy(out, path, dlen);
    strcpy(out + dlen, rel);
    return out;
}

int tg_featset_read(const char *path, tg_featset *fs, char *err, size_t errlen)
{
    memset(fs, 0, sizeof *fs);
    config_t cfg;
    config_init(&cfg);
    if (!config_read_file(&cfg, path)) {
        if (config_error_type(&cfg) == CONFIG_ERR_FILE_IO)
            snprintf(err, errlen, "%s: cannot read", path);
        else
            snprintf(err, errlen, "%s:%d: %s", path, config_error_line(&cfg), config_error_text(&cfg));
        config_destroy(&cfg);
        return -1;
    }
    int rc = -1;
    const char **specs = NULL;
    tg_list_spec *lists = NULL;
    size_t n_lists = 0;
    config_setting_t *root = config_root_setting(&cfg);
    for (int i = 0; i < config_setting_length(root); i++) {
        const char *name = config_setting_name(config_setting_get_elem(root, (unsigned)i));
        if (strcmp(name, "templates") && strcmp(name, "lists")) {
            snprintf(err, errlen, "%s:%d: unknown setting '%s' (allowed: templates, lists)", path,
                     config_setting_source_line(config_setting_get_elem(root, (unsigned)i)), name);
            goto out;
        }
    }
    config_setting_t *t = config_lookup(&cfg, "templates");
    if (!t || !config_setting_is_aggregate(t) || config_setting_length(t) == 0) {
        snprintf(err, errlen, "%s: 'templates' must be a non-empty list of strings", path);
        goto out;
    }
    int nt = config_setting_length(t);
    specs = calloc((size_t)nt, sizeof *specs);
    if (!specs) { snprintf(err, errlen, "out of memory"); goto out; }
    for (int i = 0; i < nt; i++) {
        config_setting_t *e = config_setting_get_elem(t, (unsigned)i);
        specs[i] = config_setting_get_string(e);
        if (!specs[i]) {
            snprintf(err, errlen, "%s:%d: a template is a string", path, config_setting_source_line(e));
            goto out;
        }
    }
    char msg[512];
    if (tg_templates_parse(specs, (size_t)nt, &fs->tpl, msg, sizeof msg) < 0) {
        snprintf(err, errlen, "%s:%d: %s", path, config_setting_source_line(t), msg);
        goto out;
    }
    config_setting_t *l = config_lookup(&cfg, "lists");
    int nl = l ? config_setting_length(l) : 0;
    if (l && !config_setting_is_aggregate(l)) {
        snprintf(err, errlen, "%s:%d: 'lists' must be a list", path, config_setting_source_line(l));
        goto out;
    }
    lists = calloc(nl ? (size_t)nl : 1, sizeof *lists);
    if (!lists) { snprintf(err, errlen, "out of memory"); goto out; }
    for (int i = 0; i < nl; i++) {
        config_setting_t *e = config_setting_get_elem(l, (unsigned)i);
        const char *p = config_setting_get_string(e), *type = NULL;
        if (!p && config_setting_is_group(e)) {
            config_setting_lookup_string(e, "path", &p);
            config_setting_lookup_string(e, "type", &type);
        }
        if (!p || !*p) {
            snprintf(err, errlen, "%s:%d: a list is a path, or { path = \"…\"; type = \"…\"; }", path,
                     config_setting_source_line(e));
            goto out;
        }
        char *full = resolve(path, p);
        char *tcopy = type ? strdup(type) : NULL;
        if (!full || (type && !tcopy)) {
            free(full);
            free(tcopy);
            snprintf(err, errlen, "out of memory");
            goto out;
        }
        lists[n_lists++] = (tg_list_spec){ full, tcopy };
    }
    if (tg_gaz_load(&fs->gaz, lists, n_lists, msg, sizeof msg) < 0) {
        snprintf(err, errlen, "%s", msg);
        goto out;
    }
    rc = 0;
out:
    for (size_t i = 0; i < n_lists; i++) {
        free((char *)lists[i].path);
        free((char *)lists[i].type);
    }
    free(lists);
    free((void *)specs);
    config_destroy(&cfg);
    if (rc < 0) tg_featset_free(fs);
    return rc;
}
