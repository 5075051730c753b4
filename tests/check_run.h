/*
 * check_run.h — how every Check test program of the project ends: run the
 * suite, exit EXIT_SUCCESS when every test passed.  (configure adds tests/ to
 * CHECK_CFLAGS, so core and plugin tests include it by name.)
 */
#ifndef CHECK_RUN_H
#define CHECK_RUN_H

#include <check.h>
#include <stdlib.h>

static inline int check_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
