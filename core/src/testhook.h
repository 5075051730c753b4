/*
 * A test hook, not a user feature (testhook.c): DOCPIPE_TEST_CRASH_AT=POINT[:N]
 * kills the run with SIGKILL the Nth time (default 1) it reaches the named
 * point of the commit protocol, so that tests can prove that a death at any
 * step leaves a state `--resume` completes (tests/cli/test_commit.sh).  The
 * points are listed in docs/commit-protocol.md.  Built unless configure was
 * given --disable-test-hooks; then the variable is ignored.
 */
#ifndef DP_TESTHOOK_H
#define DP_TESTHOOK_H

typedef struct dp_testhook {
    char point[48];        /* "" when no crash was asked for */
    unsigned long nth;     /* die when the point is reached this many times */
    unsigned long reached;
} dp_testhook;

/* Read DOCPIPE_TEST_CRASH_AT (a malformed value is ignored). */
void dp_testhook_init(dp_testhook *h);

/* The run reaches `point`: die there when asked to. */
void dp_testhook_reach(dp_testhook *h, const char *point);

#endif
