/*
 * docpipe/path.h — file paths and folders for plugins.
 *
 * Writers that emit one file per document, caches and data lookups join
 * paths and create folders; these helpers do it one way for everyone.  Paths
 * are POSIX: '/' separates components.
 */
#ifndef DOCPIPE_PATH_H
#define DOCPIPE_PATH_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * dir + "/" + name + ext as a new malloc'ed string (free() it), e.g.
 * dp_path_join("out/brat", "01_article", ".ann") → "out/brat/01_article.ann".
 * ext may be "" or NULL.  No '/' is doubled when dir ends with one; an empty
 * or NULL dir gives name + ext.  NULL when memory is exhausted.
 */
char *dp_path_join(const char *dir, const char *name, const char *ext);

/* mkdir -p: create dir and its missing parents.  0 on success (also when it
 * exists), -1 with errno set. */
int dp_mkdirs(const char *dir);

/* Create the missing parent folders of a file path ("a/b/c.txt" → a/b).
 * 0 on success or when the path has no folder part, -1 with errno set. */
int dp_mkdirs_for(const char *path);

#ifdef __cplusplus
}
#endif
#endif /* DOCPIPE_PATH_H */
