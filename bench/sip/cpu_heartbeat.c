/*
 * Tells whether the machine itself stood still during a benchmark: one thread pinned to each online core, under
 * SCHED_FIFO at priority 20 (above the server's pacers at 10, so no process or thread of the benchmark can hold it
 * back), wakes every 1 ms on absolute deadlines and notes each wake-up later than the threshold. A late wake-up of
 * such a thread is the kernel or the hypervisor keeping that core (on a virtual machine: the virtual CPU not run),
 * which delays the pacers just the same. Costs about 1 % of a core.
 *
 * Usage: cpu_heartbeat seconds threshold-ms   (until SIGTERM or SIGINT, or the seconds)
 * Prints "stall cpuN L ms at HH:MM:SS.mmm" (UTC, when it woke) for each, then per core
 * "heartbeat cpuN: W wake-ups, S over T ms, max M ms", and "policy: ..." first (SCHED_FIFO, or why not).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PERIOD_NANOS 1000000L
#define PRIORITY 20

static volatile sig_atomic_t stopping;
static int64_t threshold_nanos;
static int64_t end_nanos;
static pthread_mutex_t out = PTHREAD_MUTEX_INITIALIZER;
static int fifo_refused;

static int64_t clock_nanos(clockid_t id) {
    struct timespec t;
    clock_gettime(id, &t);
    return (int64_t) t.tv_sec * 1000000000L + t.tv_nsec;
}

static void on_signal(int signal) {
    (void) signal;
    stopping = 1;
}

static void *beat(void *arg) {
    int cpu = (int) (intptr_t) arg;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
    struct sched_param param = {.sched_priority = PRIORITY};
    int refused = pthread_setschedparam(pthread_self(), SCHED_FIFO, &param);
    if (refused) {
        fifo_refused = refused;
    }
    long wakes = 0, stalls = 0;
    int64_t worst = 0;
    int64_t next = clock_nanos(CLOCK_MONOTONIC);
    while (!stopping && next < end_nanos) {
        next += PERIOD_NANOS;
        struct timespec t = {.tv_sec = next / 1000000000L, .tv_nsec = next % 1000000000L};
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) == EINTR && !stopping) {
        }
        int64_t now = clock_nanos(CLOCK_MONOTONIC);
        int64_t late = now - next;
        wakes++;
        if (late > worst) {
            worst = late;
        }
        if (late > threshold_nanos && !stopping) {
            stalls++;
            int64_t wall = clock_nanos(CLOCK_REALTIME);
            time_t seconds = (time_t) (wall / 1000000000L);
            struct tm tm;
            gmtime_r(&seconds, &tm);
            pthread_mutex_lock(&out);
            printf("stall cpu%d %.1f ms at %02d:%02d:%02d.%03ld\n", cpu, late / 1e6, tm.tm_hour, tm.tm_min,
                   tm.tm_sec, (long) (wall % 1000000000L) / 1000000L);
            fflush(stdout);
            pthread_mutex_unlock(&out);
        }
        if (late > PERIOD_NANOS) {
            next = now; /* one line per stall, not one per deadline it missed */
        }
    }
    pthread_mutex_lock(&out);
    printf("heartbeat cpu%d: %ld wake-ups, %ld over %lld ms, max %.1f ms\n", cpu, wakes, stalls,
           (long long) (threshold_nanos / 1000000L), worst / 1e6);
    fflush(stdout);
    pthread_mutex_unlock(&out);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 3 || atoi(argv[1]) <= 0 || atoi(argv[2]) <= 0) {
        fprintf(stderr, "usage: cpu_heartbeat seconds threshold-ms\n");
        return 2;
    }
    threshold_nanos = atoi(argv[2]) * 1000000L;
    end_nanos = clock_nanos(CLOCK_MONOTONIC) + atoi(argv[1]) * 1000000000L;
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = on_signal;
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (cpus < 1 || cpus > 1024) {
        fprintf(stderr, "cpu_heartbeat: %ld online cores\n", cpus);
        return 1;
    }
    pthread_t *threads = calloc((size_t) cpus, sizeof(pthread_t));
    for (long cpu = 0; cpu < cpus; cpu++) {
        pthread_create(&threads[cpu], NULL, beat, (void *) (intptr_t) cpu);
    }
    usleep(100000);
    pthread_mutex_lock(&out);
    if (fifo_refused) {
        printf("policy: ordinary (SCHED_FIFO refused: %s)\n", strerror(fifo_refused));
    } else {
        printf("policy: SCHED_FIFO %d\n", PRIORITY);
    }
    fflush(stdout);
    pthread_mutex_unlock(&out);
    for (long cpu = 0; cpu < cpus; cpu++) {
        pthread_join(threads[cpu], NULL);
    }
    return 0;
}
