/* A thread that turns SIGINT/SIGTERM into a clean, resumable stop; a second one stops at once. */
#include <unistd.h>

#include "docpipe/exitcode.h"
#include "log.h"
#include "signals.h"

static void interrupt_set(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
}

void dp_signals_hold(void)
{
    sigset_t set;
    interrupt_set(&set);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    /* A closed standard output is a write error (exit 74), not a silent death by SIGPIPE (141). */
    signal(SIGPIPE, SIG_IGN);
}

static void *signal_main(void *arg)
{
    dp_signals *s = arg;
    int sig;
    /* SIGUSR2 is dp_signals_stop's way to end the wait. */
    if (sigwait(&s->set, &sig) != 0 || sig == SIGUSR2) return NULL;
    dp_core_log(DP_LOG_WARN, "%s: finishing the documents in flight, then stopping (resumable with --resume; "
                "interrupt again to stop at once)", sig == SIGINT ? "interrupted" : "terminated");
    dp_queue_stop(s->q, DP_STOP_INTERRUPTED);
    if (sigwait(&s->set, &sig) != 0 || sig == SIGUSR2) return NULL;
    /* The last checkpoint on disk is consistent whatever the run was doing (docs/commit-protocol.md). */
    dp_core_log(DP_LOG_WARN, "interrupted again: stopping at once; --resume continues from the last checkpoint");
    _exit(DP_EXIT_INTERRUPTED);
}

int dp_signals_start(dp_signals *s, dp_queue *q)
{
    interrupt_set(&s->set);
    sigaddset(&s->set, SIGUSR2);
    s->q = q;
    /* Block before creating threads so that only sigwait sees them. */
    pthread_sigmask(SIG_BLOCK, &s->set, &s->old);
    s->running = pthread_create(&s->thread, NULL, signal_main, s) == 0;
    return s->running ? 0 : -1;
}

void dp_signals_stop(dp_signals *s)
{
    if (s->running) {
        pthread_kill(s->thread, SIGUSR2);
        pthread_join(s->thread, NULL);
        s->running = 0;
    }
    pthread_sigmask(SIG_SETMASK, &s->old, NULL);
}
