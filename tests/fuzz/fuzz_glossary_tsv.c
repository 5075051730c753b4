/*
 * libFuzzer target: the glossary translator's table loader
 * (plugins/translator_glossary, gloss_table.c) and composition on what it
 * loaded (gloss_compose.c).
 *
 * The first byte picks which table the rest of the input becomes (bits 0-1:
 * glossary, gazetteer, ranks, titles; bit 2: rank_convention; bit 3:
 * spelling); the other three are small fixed tables.  The input is written to
 * a temporary file and the plugin is started through the harness
 * (dp_harness_new with files=/gazetteers=/ranks=/titles=).  When init
 * succeeds, a document is translated whose entities are the first columns of
 * the input's lines (types ORG, LOC, PER with rank and title, EVENT, MISC,
 * DATE) plus fixed names, and whose title field is the same text; every
 * entity must end up with a translation and an english.rule.
 * Build and run: tests/fuzz/run.sh (see README.md).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <docpipe/docpipe.h>

extern const dp_plugin docpipe_plugin;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];
static char paths[5][128]; /* glossary, gazetteer, ranks, titles, fuzz input */

static const char *const fixed[4] = {
    "# vi\ten\tkind\tnote\n"
    "Bộ Quốc phòng\tMinistry of National Defence\tname\tcountries=vn,kr\n"
    "Bộ Quốc phòng\tMinistry of Defence\tname\tcountries=other\n"
    "Hội nghị\tMeeting\tmeeting\n"
    "Trung tâm\tCentre\thead\n"
    "Huấn luyện\tTraining\tterm\n"
    "Đại hội\tCongress of\thead_of\n"
    "về\ton\tprep\n"
    "và\tand\tconj\n"
    "các\t\tdrop\n"
    "lần thứ\t\tordinal\n"
    "hai\t2\tnumber\n"
    "chu kỳ\tCycle\tnumbered\n"
    "năm\t\tyear\n"
    "cấp\t-level\tlevel\n"
    "mở rộng\t-Plus\tsuffix\n"
    "Tàu buồm\tSailing Ship\thead_keep\n",
    "Hàn Quốc\tLOC\tloc:country:kr\tSouth Korea\tkind=country;iso2=KR;adj=South Korean\n"
    "Nhật Bản\tLOC\tloc:country:jp\tJapan\tkind=country;iso2=JP;adj=Japanese\n"
    "Việt Nam\tLOC\tloc:country:vn\tVietnam\tkind=country;iso2=VN;adj=Vietnamese\n"
    "ASEAN\tORG\torg:asean:asean\tASEAN\tkind=asean\n"
    "Biển Đông\tLOC\tloc:sea:east\tEast Sea\tkind=sea\n",
    "Đại tướng\tGeneral\tGeneral (Army General)\tgeneral\n"
    "Thượng tướng\tSenior Lieutenant General\tColonel General\tgeneral\n"
    "Đô đốc\tAdmiral\tAdmiral\tnavy flag\n",
    "Bộ trưởng\tMinister\ttitle\n"
    "Thứ trưởng\tDeputy Minister\ttitle\n"
    "Thủ tướng\tPrime Minister\ttitle\n",
};

static int write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    int bad = fwrite(data, 1, size, f) != size;
    bad |= fclose(f) != 0;
    return bad ? -1 : 0;
}

static void cleanup(void)
{
    for (int i = 0; i < 5; i++) unlink(paths[i]);
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/fuzz_glossary.XXXXXX", tmp && strlen(tmp) < 32 ? tmp : "/tmp");
    if (!mkdtemp(dir)) abort();
    static const char *const names[5] = { "glossary.tsv", "gazetteer.tsv", "ranks.tsv", "titles.tsv", "fuzz.tsv" };
    for (int i = 0; i < 5; i++) snprintf(paths[i], sizeof paths[i], "%s/%s", dir, names[i]);
    for (int i = 0; i < 4; i++)
        if (write_file(paths[i], fixed[i], strlen(fixed[i])) < 0) abort();
    atexit(cleanup);
    return 0;
}

static const char *const types[] = { "ORG", "LOC", "PER", "EVENT", "MISC", "DATE" };

/* Text: the input's first columns, one per line, then fixed names; an entity over each. */
static dp_doc *make_doc(const char *in, size_t len)
{
    static const char tail[] = "Bộ Quốc phòng Hàn Quốc\nHội nghị Bộ trưởng Quốc phòng ASEAN mở rộng lần thứ hai\n";
    char *text = malloc(len + sizeof tail + 1);
    if (!text) return NULL;
    size_t n = 0, starts[40], ends[40], ne = 0;
    for (size_t i = 0; i < len && ne < 32;) {
        size_t j = i;
        while (j < len && in[j] != '\t' && in[j] != '\n') j++;
        if (j > i) {
            starts[ne] = n;
            memcpy(text + n, in + i, j - i);
            n += j - i;
            ends[ne++] = n;
            text[n++] = '\n';
        }
        while (j < len && in[j] != '\n') j++;
        i = j + 1;
    }
    size_t tail_at = n;
    memcpy(text + n, tail, sizeof tail - 1);
    n += sizeof tail - 1;
    text[n] = '\0';
    starts[ne] = tail_at;
    ends[ne++] = tail_at + strlen("Bộ Quốc phòng Hàn Quốc");
    const char *h = strstr(text + tail_at, "Hội");
    starts[ne] = (size_t)(h - text);
    ends[ne++] = n - 1;

    dp_doc *doc = dp_doc_new("fuzz", "fuzz");
    if (!doc || dp_doc_set_text(doc, text, n) < 0) goto fail;
    size_t tlen;
    const char *t = dp_doc_text(doc, &tlen);
    if (tlen != n || memcmp(t, text, n) != 0) goto fail; /* NFC changed it: offsets would be off */
    char title[512];
    snprintf(title, sizeof title, "%.*s", (int)(ends[0] - starts[0]), text + starts[0]);
    if (dp_doc_field_set(doc, "title", title) < 0) goto fail;
    for (size_t k = 0; k < ne; k++) {
        dp_entity *e = dp_doc_entity_add(doc, starts[k], ends[k], types[k % 6]);
        if (!e) goto fail;
        if (k % 6 == 2) {
            char v[256];
            snprintf(v, sizeof v, "%.*s", (int)(ends[k] - starts[k]), text + starts[k]);
            if (dp_entity_attr_set(doc, e, "rank", v) < 0 || dp_entity_attr_set(doc, e, "title", v) < 0) goto fail;
        }
    }
    free(text);
    return doc;
fail:
    free(text);
    dp_doc_free(doc);
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > 65536) return 0;
    unsigned sel = data[0];
    const char *in = (const char *)data + 1;
    size_t len = size - 1;
    if (write_file(paths[4], in, len) < 0) abort();

    static const char *const keys[4] = { "files", "gazetteers", "ranks", "titles" };
    char opts[6][160];
    const char *o[6];
    for (int i = 0; i < 4; i++) {
        snprintf(opts[i], sizeof opts[i], "%s=%s", keys[i], (sel & 3u) == (unsigned)i ? paths[4] : paths[i]);
        o[i] = opts[i];
    }
    o[4] = sel & 4 ? "rank_convention=wikipedia" : "rank_convention=official";
    o[5] = sel & 8 ? "spelling=american" : "spelling=british";

    char err[1024] = "";
    dp_instance *inst = dp_harness_new(&docpipe_plugin, o, 6, NULL, err, sizeof err);
    if (!inst) {
        if (!err[0]) abort(); /* refused without saying why */
        return 0;
    }
    if (dp_utf8_valid(in, len, NULL) && !memchr(in, '\0', len)) {
        dp_doc *doc = make_doc(in, len);
        if (doc) {
            int rc = dp_harness_process(inst, doc, err, sizeof err);
            if (rc != DP_OK) abort();
            for (size_t i = 0; i < dp_doc_entity_count(doc); i++) {
                const dp_entity *e = dp_doc_entity_at(doc, i);
                const char *en = dp_entity_translation(e, "en");
                if (!en || !dp_utf8_valid(en, strlen(en), NULL) || !dp_entity_attr(e, "english.rule")) abort();
            }
            dp_doc_free(doc);
        }
    }
    dp_harness_free(inst);
    return 0;
}
