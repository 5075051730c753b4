/*
 * Config discovery (discover.c): the config `run` and `check` read when
 * none is named.  In order: -c FILE; $DOCPIPE_CONFIG; ./docpipe.cfg;
 * $XDG_CONFIG_HOME/docpipe/docpipe.cfg (~/.config when unset); the
 * system's $(sysconfdir)/docpipe/docpipe.cfg (installdirs.h).
 */
#ifndef DP_CLI_DISCOVER_H
#define DP_CLI_DISCOVER_H

#include <stddef.h>

#include "strbuf.h"

/*
 * The config to read into path (size bytes) and how it was found into how
 * ("the system's; not found before it: …"); 0.  -1 when none exists, with
 * the message naming every place in how.
 */
int cli_discover_config(const char *given, char *path, size_t size, dp_strbuf *how);

#endif
