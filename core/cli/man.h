/* The manual pages docpipe(1) and docpipe.cfg(5) in roff (man.c). */
#ifndef DP_CLI_MAN_H
#define DP_CLI_MAN_H

#include <stdio.h>

/* Print page ("docpipe.1" or "docpipe.cfg.5") to f; -1 for another name. */
int cli_man_page(FILE *f, const char *page);

#endif
