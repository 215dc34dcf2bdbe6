/* ingest_guard.c — reading a mapped file that may change underneath.
 *
 * A file truncated while it is mapped (`cp` onto an existing file does exactly that) makes
 * every access past its new end a SIGBUS, which would kill the command. Copying every file
 * first would cost the benchmark its memory bound, so mappings are kept and guarded instead:
 * a SIGBUS inside a registered mapping replaces the rest of that mapping with zero pages (so
 * no later access, by the reader, a data check or a diagnostic's excerpt, can fault again),
 * marks the file as changed, and, when the faulting thread is reading under mb_guard_run,
 * returns there. The reader then reports "the file changed while it was read". A SIGBUS
 * anywhere else is left to its default action. */
#define _GNU_SOURCE /* MAP_ANONYMOUS */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ingest.h"

/* One slot per data file a run can hold (file numbers are 16 bits): no allocation, so the
 * handler reads a table that never moves. */
enum { GUARD_SLOTS = 65536 };

typedef struct guarded {
    char *start;
    size_t len;
    volatile sig_atomic_t changed;
} guarded;

static guarded slots[GUARD_SLOTS];
static volatile size_t nslots;
static __thread sigjmp_buf *jump;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void on_bus(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    char *a = si->si_addr;
    for (size_t i = 0; i < nslots; i++) {
        guarded *s = &slots[i];
        if (!s->start || a < s->start || a >= s->start + s->len) continue;
        size_t page = (size_t)sysconf(_SC_PAGESIZE);
        char *from = (char *)((uintptr_t)a / page * page);
        mmap(from, (size_t)(s->start + s->len - from), PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        s->changed = 1;
        if (jump) siglongjmp(*jump, 1);
        return; /* the access is made again, and reads zeros */
    }
    /* not a submission's mapping: the default action, on the same access */
    signal(sig, SIG_DFL);
}

static void install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_bus;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGBUS, &sa, NULL);
}

int mb_guard_add(const void *start, size_t len)
{
    pthread_once(&once, install);
    size_t i = 0;
    while (i < nslots && slots[i].start) i++;
    if (i == GUARD_SLOTS) return 0;
    slots[i].len = len;
    slots[i].changed = 0;
    slots[i].start = (char *)start;
    if (i == nslots) nslots = i + 1;
    return 1;
}

static guarded *find(const void *start)
{
    for (size_t i = 0; i < nslots; i++)
        if (slots[i].start == start) return &slots[i];
    return NULL;
}

int mb_guard_changed(const void *start)
{
    guarded *s = find(start);
    return s && s->changed;
}

void mb_guard_drop(const void *start)
{
    guarded *s = find(start);
    if (s) s->start = NULL;
}

int mb_guard_run(void (*fn)(void *), void *arg)
{
    sigjmp_buf env;
    sigjmp_buf *outer = jump;
    if (sigsetjmp(env, 1)) {
        jump = outer;
        return 1;
    }
    jump = &env;
    fn(arg);
    jump = outer;
    return 0;
}
