/* Run a pipeline on a string held in memory and print its entities (docpipe/pipeline.h). */
#include <docpipe/docpipe.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    const char *config = argc > 1 ? argv[1] : "config/default.cfg";
    const char *text = argc > 2 ? argv[2]
        : "Hà Nội gặp Mỹ\n\nThượng tướng Nguyễn Văn An đã đến Hà Nội ngày 3/12/2026.\n";
    char *msg = NULL;
    dp_pipeline *p;
    int rc = dp_pipeline_open_file(config, 0, &p, &msg);
    if (rc != DP_EXIT_OK) {
        fprintf(stderr, "%s", msg ? msg : "out of memory\n"); /* every line "file:line: ..." */
        dp_free(msg);
        return rc;
    }
    dp_doc *doc;
    if (dp_pipeline_process_text(p, "example", text, strlen(text), &doc, &msg) != DP_OK) {
        fprintf(stderr, "%s\n", msg ? msg : "skipped");
        dp_free(msg);
        dp_doc_free(doc);
        dp_pipeline_close(p, NULL);
        return 1;
    }
    for (size_t i = 0; i < dp_doc_entity_count(doc); i++) {
        const dp_entity *e = dp_doc_entity_at(doc, i);
        size_t len;
        const char *surface = dp_entity_surface(doc, e, &len);
        const char *en = dp_entity_translation(e, "en");
        printf("%s\t%.*s\t%s\n", e->type, (int)len, surface, en ? en : "");
    }
    char *json = dp_doc_to_json(doc, NULL, NULL); /* the jsonl writer's record */
    if (json) fputs(json, stdout);
    dp_free(json);
    dp_doc_free(doc);
    return dp_pipeline_close(p, NULL);
}
