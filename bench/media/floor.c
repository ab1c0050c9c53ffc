/*
 * The floor of the SIP benchmarks' media cost on this machine: what sending N RTP streams costs a C program that
 * does nothing else, with the same system calls as the server's pacers (a sendto per packet, from a socket of its
 * own per stream, to a port of bench/sip/rtp_sink.c, which captures every packet on "lo" as in the benchmarks), on
 * the same 20 ms deadlines spread over ten 2 ms slots. Then, for comparison, the same packets from one socket in
 * batches (sendmmsg), which the server cannot do: each leg must send from the port it signalled (symmetric RTP);
 * and a send per packet from each stream's socket connected to its destination (connect, then send), which the
 * server could do once it knows where a leg's media goes: the kernel then keeps the route instead of looking it up
 * for every packet; then the same with every socket also watched for reading by epoll, as the server's are (it
 * reads what its legs receive). Between them, the packets of a slot each from its stream's own socket, as the server
 * must send them, but handed to the kernel together through io_uring (a sendmsg per packet queued in shared memory,
 * one io_uring_enter per 256): symmetric RTP without a system call per packet. No liburing: the kernel's own
 * interface, <linux/io_uring.h>.
 *
 * Usage: floor host base step count seconds     (sends to base + step * (k + 1), k < count, as rtp_sink.c numbers)
 * Prints one line per way of sending: packets, CPU (user + system) per packet and per stream-second, late slots.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/io_uring.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define SLOTS 10
#define SLOT_NANOS 2000000L
#define PACKET_BYTES 172 /* RTP header + 20 ms of G.711 */
#define BATCH 64

static int64_t monotonic(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t) t.tv_sec * 1000000000L + t.tv_nsec;
}

static double cpu_seconds(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static void sleep_until(int64_t deadline) {
    struct timespec t = {.tv_sec = deadline / 1000000000L, .tv_nsec = deadline % 1000000000L};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) == EINTR) {
    }
}

enum way { SENDTO, SENDMMSG, CONNECTED, URING };

#define URING_ENTRIES 256

/* An io_uring's submission and completion rings, mapped from the kernel (io_uring_setup(2)). */
struct uring {
    int fd;
    unsigned *sq_tail, *sq_mask, *sq_array, *cq_head, *cq_tail, *cq_mask;
    struct io_uring_sqe *sqes;
    struct io_uring_cqe *cqes;
};

static int uring_open(struct uring *u) {
    struct io_uring_params p;
    memset(&p, 0, sizeof(p));
    u->fd = (int) syscall(__NR_io_uring_setup, URING_ENTRIES, &p);
    if (u->fd < 0) {
        return -1;
    }
    size_t sq_bytes = p.sq_off.array + p.sq_entries * sizeof(unsigned);
    size_t cq_bytes = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
    int single = (p.features & IORING_FEAT_SINGLE_MMAP) != 0;
    if (single && cq_bytes > sq_bytes) {
        sq_bytes = cq_bytes;
    }
    uint8_t *sq = mmap(NULL, sq_bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, u->fd, IORING_OFF_SQ_RING);
    uint8_t *cq = single ? sq
                         : mmap(NULL, cq_bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, u->fd,
                                IORING_OFF_CQ_RING);
    void *sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe), PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_POPULATE, u->fd, IORING_OFF_SQES);
    if (sq == MAP_FAILED || cq == MAP_FAILED || sqes == MAP_FAILED) {
        close(u->fd);
        u->fd = -1;
        return -1;
    }
    u->sq_tail = (unsigned *) (sq + p.sq_off.tail);
    u->sq_mask = (unsigned *) (sq + p.sq_off.ring_mask);
    u->sq_array = (unsigned *) (sq + p.sq_off.array);
    u->cq_head = (unsigned *) (cq + p.cq_off.head);
    u->cq_tail = (unsigned *) (cq + p.cq_off.tail);
    u->cq_mask = (unsigned *) (cq + p.cq_off.ring_mask);
    u->cqes = (struct io_uring_cqe *) (cq + p.cq_off.cqes);
    u->sqes = sqes;
    return 0;
}

/* Queues a sendmsg per message, each from its own socket, submits them in one call and waits for them; the sent. */
static int uring_send(struct uring *u, int *fds, struct msghdr *messages, int n) {
    unsigned tail = *u->sq_tail;
    for (int i = 0; i < n; i++, tail++) {
        unsigned index = tail & *u->sq_mask;
        struct io_uring_sqe *sqe = &u->sqes[index];
        memset(sqe, 0, sizeof(*sqe));
        sqe->opcode = IORING_OP_SENDMSG;
        sqe->fd = fds[i];
        sqe->addr = (uint64_t) (uintptr_t) &messages[i];
        sqe->len = 1;
        u->sq_array[index] = index;
    }
    __atomic_store_n(u->sq_tail, tail, __ATOMIC_RELEASE);
    if (syscall(__NR_io_uring_enter, u->fd, n, n, IORING_ENTER_GETEVENTS, NULL, 0) < 0) {
        return 0;
    }
    int sent = 0;
    unsigned head = *u->cq_head;
    while (head != __atomic_load_n(u->cq_tail, __ATOMIC_ACQUIRE)) {
        sent += u->cqes[head & *u->cq_mask].res > 0;
        head++;
    }
    __atomic_store_n(u->cq_head, head, __ATOMIC_RELEASE);
    return sent;
}

/* Sends every stream's packet each 20 ms for the given seconds, one way; prints what it cost. */
static void run(const char *how, int count, int seconds, enum way way, int *senders, struct sockaddr_in *to) {
    static struct msghdr uring_messages[URING_ENTRIES];
    static int uring_fds[URING_ENTRIES];
    struct uring ring = {.fd = -1};
    if (way == URING && uring_open(&ring) != 0) {
        printf("%-44s io_uring unavailable here: %s\n", how, strerror(errno));
        return;
    }
    uint8_t packet[PACKET_BYTES];
    memset(packet, 0xFF, sizeof(packet)); /* mu-law silence */
    packet[0] = 0x80;
    packet[1] = 0;
    struct mmsghdr messages[BATCH];
    struct iovec vectors[BATCH];
    memset(messages, 0, sizeof(messages));
    for (int b = 0; b < BATCH; b++) {
        vectors[b].iov_base = packet;
        vectors[b].iov_len = sizeof(packet);
        messages[b].msg_hdr.msg_iov = &vectors[b];
        messages[b].msg_hdr.msg_iovlen = 1;
        messages[b].msg_hdr.msg_namelen = sizeof(struct sockaddr_in);
    }
    long sent = 0, late = 0, slots = (long) seconds * 1000000000L / SLOT_NANOS;
    double cpu_start = cpu_seconds();
    int64_t origin = monotonic();
    for (long s = 0; s < slots; s++) {
        int slot = (int) (s % SLOTS);
        for (int k = slot; k < count;) {
            if (way == SENDTO) {
                if (sendto(senders[k], packet, sizeof(packet), 0, (struct sockaddr *) &to[k], sizeof(to[k])) > 0) {
                    sent++;
                }
                k += SLOTS;
                continue;
            }
            if (way == CONNECTED) {
                if (send(senders[k], packet, sizeof(packet), 0) > 0) {
                    sent++;
                }
                k += SLOTS;
                continue;
            }
            if (way == URING) {
                int n = 0;
                for (; n < URING_ENTRIES && k < count; n++, k += SLOTS) {
                    uring_messages[n] = messages[0].msg_hdr;
                    uring_messages[n].msg_name = &to[k];
                    uring_fds[n] = senders[k];
                }
                sent += uring_send(&ring, uring_fds, uring_messages, n);
                continue;
            }
            int n = 0;
            for (; n < BATCH && k < count; n++, k += SLOTS) {
                messages[n].msg_hdr.msg_name = &to[k];
            }
            int done = sendmmsg(senders[0], messages, (unsigned) n, 0);
            sent += done > 0 ? done : 0;
        }
        int64_t deadline = origin + (s + 1) * SLOT_NANOS;
        if (monotonic() - deadline > 5000000L) {
            late++;
        }
        sleep_until(deadline);
    }
    double cpu = cpu_seconds() - cpu_start;
    printf("%-44s %ld packets, %.2f us CPU per packet = %.3f ms per stream-second; slots >5 ms late: %ld of %ld\n",
           how, sent, sent ? cpu * 1e6 / sent : 0, cpu * 1e3 / ((double) count * seconds), late, slots);
    fflush(stdout);
    if (ring.fd >= 0) {
        close(ring.fd);
    }
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: floor host base step count seconds\n");
        return 2;
    }
    int base = atoi(argv[2]), step = atoi(argv[3]), count = atoi(argv[4]), seconds = atoi(argv[5]);
    int *senders = calloc((size_t) count, sizeof(int));
    struct sockaddr_in *to = calloc((size_t) count, sizeof(struct sockaddr_in));
    if (!senders || !to || count <= 0 || seconds <= 0) {
        fprintf(stderr, "floor: count and seconds must be positive\n");
        return 2;
    }
    for (int k = 0; k < count; k++) {
        to[k].sin_family = AF_INET;
        to[k].sin_port = htons((uint16_t) (base + step * (k + 1)));
        if (inet_pton(AF_INET, argv[1], &to[k].sin_addr) != 1) {
            fprintf(stderr, "floor: host %s (expected: an IPv4 address)\n", argv[1]);
            return 2;
        }
        senders[k] = socket(AF_INET, SOCK_DGRAM, 0);
        if (senders[k] < 0) {
            fprintf(stderr, "floor: socket %d: %s (raise ulimit -n)\n", k, strerror(errno));
            return 1;
        }
    }
    run("a sendto per packet, a socket per stream", count, seconds, SENDTO, senders, to);
    run("sendmmsg, 64 packets a call, one socket", count, seconds, SENDMMSG, senders, to);
    run("io_uring, a sendmsg per packet from each socket", count, seconds, URING, senders, to);
    for (int k = 0; k < count; k++) {
        if (connect(senders[k], (struct sockaddr *) &to[k], sizeof(to[k])) != 0) {
            fprintf(stderr, "floor: connect %d: %s\n", k, strerror(errno));
            return 1;
        }
    }
    run("a send per packet, a connected socket each", count, seconds, CONNECTED, senders, to);
    int watcher = epoll_create1(0);
    for (int k = 0; k < count; k++) {
        struct epoll_event readable = {.events = EPOLLIN, .data.u32 = (uint32_t) k};
        if (watcher < 0 || epoll_ctl(watcher, EPOLL_CTL_ADD, senders[k], &readable) != 0) {
            fprintf(stderr, "floor: epoll %d: %s\n", k, strerror(errno));
            return 1;
        }
    }
    run("the same, each socket watched for reading", count, seconds, CONNECTED, senders, to);
    return 0;
}
