/*
 * announce.h — the exec plugin's wire protocol: the worker's announcement
 * (its kind, name, version, capabilities and option table) read into a
 * descriptor and an option table, and the init message built from the
 * instance's validated options.  docs/plugin-guide.md, "Co-process plugins",
 * is the protocol's reference.
 */
#ifndef EXEC_ANNOUNCE_H
#define EXEC_ANNOUNCE_H

#include <docpipe/docpipe.h>

/* The protocol this docpipe speaks; a worker announcing another is refused. */
#define EXEC_PROTOCOL 1

/*
 * Parse an announcement line into desc (kind, name, version, description,
 * consumes, produces, options = own options followed by the worker's), every
 * string and the table allocated in arena.  0, or -1 with the reason in msg.
 */
int exec_announce_parse(const char *line, size_t len, const dp_option *own, dp_arena *arena, dp_plugin *desc,
                        char *msg, size_t size);

/*
 * The init message, one line with its newline: the protocol, the instance's
 * name, threads, whether it is a check, the offset unit, and the value of
 * every option of table (skipping the first n_own, the exec plugin's own).
 * 0, or -1 when memory ran out.
 */
int exec_init_message(const dp_instance *inst, const dp_option *table, size_t n_own, const char *unit,
                      dp_strbuf *out);

#endif
