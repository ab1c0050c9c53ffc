/*
 * RTP receiver of the SIP benchmarks, in C (bench/sip/run.sh builds it with cc when one is installed, else it uses
 * RtpSink.java): the same command line, control protocol and summary as RtpSink.java, at a fraction of its CPU, and
 * with each packet's arrival taken from the kernel's receive timestamp, so that the receiver's own scheduling never
 * shows in the inter-arrival figures.
 *
 * It binds every port (so that the kernel delivers to a socket instead of answering ICMP port unreachable) with the
 * smallest receive buffer and never reads those sockets; it sees the packets through one AF_PACKET socket on the
 * loopback interface with a TPACKET_V3 ring (the kernel copies each packet into a shared ring, timestamped; no system
 * call per packet). Needs root or CAP_NET_RAW, and only sees traffic on "lo" (host must be a loopback address).
 *
 * With RTP_SINK_TALK=1 every stream also talks, as a caller would: once the server has sent to a port, a 1 kHz
 * PCMU tone goes back to where it came from, from that port (symmetric RTP), a packet every 20 ms (the ports spread
 * over ten 2 ms slots), until the server has sent nothing there for a second. Unlike SIPp's play_pcap_audio, this
 * costs no raw socket, which the kernel would check every UDP packet on the machine against, in the sender's time.
 *
 * Control: text datagrams on host:controlPort, answered to the sender: STATUS, START, STOP, RESET, QUIT (see
 * RtpSink.java). Exits by itself after maxSeconds.
 *
 * Usage: rtp_sink host base step count controlPort threads maxSeconds   (threads is ignored: one thread serves all)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/udp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BUCKET_NANOS 100000L /* 0.1 ms */
#define BUCKETS 3000         /* 0..300 ms; longer intervals go to the overflow count (max is exact) */
#define FRAME_TS 160         /* 20 ms of 8 kHz audio */
#define MAX_STREAMS 20000
#define BLOCK_SIZE (1 << 20)
#define BLOCK_COUNT 256 /* at 10 ms a block when traffic is light: 2.5 s of stall absorbed */
#define FRAME_SIZE 2048
#ifndef PACKET_IGNORE_OUTGOING
#define PACKET_IGNORE_OUTGOING 23
#endif

static int streams;
static int stream_of_port[65536]; /* stream index + 1, 0 if none */
static int ports[MAX_STREAMS];
static int64_t last_arrival[MAX_STREAMS];
static int last_seq[MAX_STREAMS];
static uint32_t last_ts[MAX_STREAMS];
static uint32_t ssrc_of[MAX_STREAMS];
static char seen[MAX_STREAMS];
static long packets[MAX_STREAMS], lost[MAX_STREAMS], late[MAX_STREAMS], skipped_ts[MAX_STREAMS];
static long overflow_of[MAX_STREAMS], total_packets[MAX_STREAMS];
static int64_t max_iat[MAX_STREAMS];
static uint32_t (*histogram)[BUCKETS];
static long whole_histogram[BUCKETS], whole_overflow, whole_lost;
static int64_t whole_max;
static int phase; /* 0 before the window, 1 recording, 2 after */
static int ring_fd = -1;
static long capture_drops; /* packets the kernel could not put in the ring (the sink fell behind) */
static int at_send = 1; /* timestamps taken as the packet is sent (RTP_SINK_AT=send) or delivered (=receive) */
static int64_t window_start, window_end;
/* talking back (RTP_SINK_TALK=1) */
#define TALK_SLOTS 10
#define TALK_NANOS (20000000L / TALK_SLOTS)
#define QUIET_NANOS 1000000000L /* the server sent nothing to the port for this long: the call is over */
static int talk;
static int fd_of[MAX_STREAMS];
static struct sockaddr_in peer_of[MAX_STREAMS];
static int64_t heard_at[MAX_STREAMS];
static uint16_t talk_seq[MAX_STREAMS];
static uint32_t talk_ts;
static uint8_t talk_packet[12 + FRAME_TS];

static int64_t now_realtime(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t); /* the clock of the ring's timestamps */
    return (int64_t) t.tv_sec * 1000000000L + t.tv_nsec;
}

static void die(const char *what) {
    fprintf(stderr, "rtp_sink: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void packet(int i, int64_t now, int seq, uint32_t ts, uint32_t ssrc) {
    total_packets[i]++;
    int record = phase == 1;
    if (!seen[i] || ssrc != ssrc_of[i]) { /* first packet, or a new source: nothing to measure against */
        seen[i] = 1;
        ssrc_of[i] = ssrc;
        last_arrival[i] = now;
        last_seq[i] = seq;
        last_ts[i] = ts;
        if (record) {
            packets[i]++;
        }
        return;
    }
    int delta = (seq - last_seq[i]) & 0xFFFF;
    if (delta == 0 || delta >= 0x8000) {
        if (record) {
            late[i]++; /* duplicate or reordered */
        }
        return;
    }
    int64_t iat = now - last_arrival[i];
    int ts_frames = (int32_t) (ts - last_ts[i]) / FRAME_TS;
    last_arrival[i] = now;
    last_seq[i] = seq;
    last_ts[i] = ts;
    long bucket = iat < 0 ? 0 : iat / BUCKET_NANOS;
    if (phase != 2) {
        whole_lost += delta - 1;
        if (iat > whole_max) {
            whole_max = iat;
        }
        if (bucket < BUCKETS) {
            whole_histogram[bucket]++;
        } else {
            whole_overflow++;
        }
    }
    if (!record) {
        return;
    }
    packets[i]++;
    lost[i] += delta - 1;
    if (ts_frames > delta) {
        skipped_ts[i] += ts_frames - delta;
    }
    if (iat > max_iat[i]) {
        max_iat[i] = iat;
    }
    if (bucket < BUCKETS) {
        histogram[i][bucket]++;
    } else {
        overflow_of[i]++;
    }
}

/* One captured frame: an IPv4 UDP datagram to one of the ports, carrying RTP. */
static void frame(const uint8_t *data, unsigned length, int64_t arrival) {
    if (length < sizeof(struct ether_header) + sizeof(struct iphdr) + sizeof(struct udphdr) + 12) {
        return;
    }
    const struct ether_header *eth = (const struct ether_header *) data;
    if (ntohs(eth->ether_type) != ETHERTYPE_IP) {
        return;
    }
    const struct iphdr *ip = (const struct iphdr *) (data + sizeof(struct ether_header));
    if (ip->protocol != IPPROTO_UDP) {
        return;
    }
    unsigned ip_length = ip->ihl * 4u;
    const struct udphdr *udp = (const struct udphdr *) ((const uint8_t *) ip + ip_length);
    const uint8_t *rtp = (const uint8_t *) udp + sizeof(struct udphdr);
    if (rtp + 12 > data + length) {
        return;
    }
    int stream = stream_of_port[ntohs(udp->uh_dport)];
    if (stream == 0 || (rtp[0] & 0xC0) != 0x80) {
        return;
    }
    if (talk) {
        peer_of[stream - 1].sin_family = AF_INET;
        peer_of[stream - 1].sin_addr.s_addr = ip->saddr;
        peer_of[stream - 1].sin_port = udp->uh_sport;
        heard_at[stream - 1] = arrival;
    }
    packet(stream - 1, arrival, (rtp[2] << 8) | rtp[3], ntohl(*(const uint32_t *) (rtp + 4)),
           ntohl(*(const uint32_t *) (rtp + 8)));
}

static void reset_window(void) {
    for (int i = 0; i < streams; i++) {
        packets[i] = lost[i] = late[i] = skipped_ts[i] = overflow_of[i] = 0;
        max_iat[i] = 0;
        memset(histogram[i], 0, sizeof(histogram[i]));
    }
}

static void reset_whole(void) {
    memset(whole_histogram, 0, sizeof(whole_histogram));
    whole_overflow = whole_lost = 0;
    whole_max = 0;
}

/* Upper edge of the bucket holding the q-quantile, in ms; ">300" in the overflow. */
static void percentile(char *out, size_t size, const long *merged, long total, double q) {
    if (total == 0) {
        snprintf(out, size, "n/a");
        return;
    }
    long rank = (long) (q * total + 0.999999999);
    long cumulative = 0;
    for (int b = 0; b < BUCKETS; b++) {
        cumulative += merged[b];
        if (cumulative >= rank) {
            snprintf(out, size, "%.1f", (b + 1) * BUCKET_NANOS / 1e6);
            return;
        }
    }
    snprintf(out, size, ">%ld", BUCKETS * BUCKET_NANOS / 1000000L);
}

/* Adds what the kernel dropped from the ring since the last call (reading the statistics resets them). */
static void count_drops(void) {
    struct tpacket_stats_v3 stats;
    socklen_t length = sizeof(stats);
    if (ring_fd >= 0 && getsockopt(ring_fd, SOL_PACKET, PACKET_STATISTICS, &stats, &length) == 0) {
        capture_drops += stats.tp_drops;
    }
}

static int summary(char *out, size_t size) {
    static long merged[BUCKETS];
    count_drops();
    memset(merged, 0, sizeof(merged));
    long intervals = 0, over = 0, received = 0, gaps = 0, late_total = 0, skipped = 0;
    int64_t max = 0;
    int silent = 0, with_packets = 0, max_over_100 = 0;
    for (int i = 0; i < streams; i++) {
        received += packets[i];
        gaps += lost[i];
        late_total += late[i];
        skipped += skipped_ts[i];
        over += overflow_of[i];
        if (packets[i] == 0) {
            silent += seen[i];
            continue;
        }
        with_packets++;
        if (max_iat[i] > max) {
            max = max_iat[i];
        }
        if (max_iat[i] > 100000000L) {
            max_over_100++;
        }
        for (int b = 0; b < BUCKETS; b++) {
            merged[b] += histogram[i][b];
            intervals += histogram[i][b];
        }
    }
    intervals += over;
    long outside = over, inside = 0;
    for (int b = 0; b < BUCKETS; b++) {
        if (b >= 180 && b < 220) { /* 20 +- 2 ms */
            inside += merged[b];
        } else {
            outside += merged[b];
        }
    }
    long whole_intervals = whole_overflow;
    for (int b = 0; b < BUCKETS; b++) {
        whole_intervals += whole_histogram[b];
    }
    char p50[16], p99[16], p999[16], wp99[16], wp999[16];
    percentile(p50, sizeof(p50), merged, intervals, 0.50);
    percentile(p99, sizeof(p99), merged, intervals, 0.99);
    percentile(p999, sizeof(p999), merged, intervals, 0.999);
    percentile(wp99, sizeof(wp99), whole_histogram, whole_intervals, 0.99);
    percentile(wp999, sizeof(wp999), whole_histogram, whole_intervals, 0.999);
    return snprintf(out, size,
                    "window_s=%.2f\nstreams_bound=%d\nstreams_with_packets=%d\nstreams_seen_but_silent=%d\n"
                    "streams_max_over_100ms=%d\npackets=%ld\nintervals=%ld\nseq_lost=%ld\nlate_or_dup=%ld\n"
                    "ts_skipped_frames=%ld\niat_p50_ms=%s\niat_p99_ms=%s\niat_p999_ms=%s\niat_max_ms=%.1f\n"
                    "iat_outside_20pm2=%ld\niat_inside_20pm2=%ld\nwhole_intervals=%ld\nwhole_seq_lost=%ld\n"
                    "whole_iat_p99_ms=%s\nwhole_iat_p999_ms=%s\nwhole_iat_max_ms=%.1f\nreceiver=kernel-timestamps-%s\n"
                    "capture_drops=%ld\n",
                    (window_end - window_start) / 1e9, streams, with_packets, silent, max_over_100, received,
                    intervals, gaps, late_total, skipped, p50, p99, p999, max / 1e6, outside, inside,
                    whole_intervals, whole_lost, wp99, wp999, whole_max / 1e6, at_send ? "send" : "receive",
                    capture_drops);
}

static int status(char *out, size_t size) {
    int64_t now = now_realtime();
    int active = 0;
    long total = 0;
    for (int i = 0; i < streams; i++) {
        total += total_packets[i];
        if (seen[i] && now - last_arrival[i] < 200000000L) {
            active++;
        }
    }
    return snprintf(out, size, "active=%d bound=%d packets=%ld", active, streams, total);
}

/* Answers one control datagram; returns 0 on QUIT. */
static int control(int fd) {
    char in[512], out[4096];
    struct sockaddr_in from;
    socklen_t from_length = sizeof(from);
    ssize_t n = recvfrom(fd, in, sizeof(in) - 1, MSG_DONTWAIT, (struct sockaddr *) &from, &from_length);
    if (n <= 0) {
        return 1;
    }
    while (n > 0 && (in[n - 1] == '\n' || in[n - 1] == '\r' || in[n - 1] == ' ')) {
        n--;
    }
    in[n] = 0;
    int length;
    int go_on = 1;
    if (strcmp(in, "STATUS") == 0) {
        length = status(out, sizeof(out));
    } else if (strcmp(in, "START") == 0) {
        count_drops();
        capture_drops = 0; /* the window's own */
        window_start = now_realtime();
        reset_window();
        phase = 1;
        length = snprintf(out, sizeof(out), "OK");
    } else if (strcmp(in, "STOP") == 0) {
        window_end = now_realtime();
        phase = 2;
        length = summary(out, sizeof(out));
    } else if (strcmp(in, "RESET") == 0) {
        reset_whole();
        phase = 0;
        length = snprintf(out, sizeof(out), "OK");
    } else if (strcmp(in, "QUIT") == 0) {
        length = snprintf(out, sizeof(out), "BYE");
        go_on = 0;
    } else {
        length = snprintf(out, sizeof(out), "ERROR unknown command %s", in);
    }
    sendto(fd, out, (size_t) length, 0, (struct sockaddr *) &from, from_length);
    return go_on;
}

/* G.711 mu-law of a 16-bit sample (ITU-T G.711, as the server's MuLaw.java). */
static uint8_t mu_law(int sample) {
    int sign = sample < 0 ? 0x80 : 0;
    int magnitude = (sample < 0 ? -sample : sample) + 0x84;
    if (magnitude > 0x7FFF) {
        magnitude = 0x7FFF;
    }
    int exponent = 7;
    for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
        exponent--;
    }
    int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
    return (uint8_t) ~(sign | (exponent << 4) | mantissa);
}

static void talk_prepare(void) {
    talk_packet[0] = 0x80; /* RTP version 2 */
    talk_packet[1] = 0;    /* PCMU */
    static const int period[8] = {0, 5657, 8000, 5657, 0, -5657, -8000, -5657}; /* 1 kHz at 8 kHz, -12 dBFS */
    for (int k = 0; k < FRAME_TS; k++) { /* twenty whole periods: every frame the same */
        talk_packet[12 + k] = mu_law(period[k % 8]);
    }
}

/*
 * A 20 ms frame to every tenth server port heard from within the last second, the tenth of this 2 ms slot: as callers
 * behind a carrier, whose packets arrive at any phase of the 20 ms, not all at once.
 */
static void talk_slot(int64_t now, int slot) {
    if (slot == 0) {
        talk_ts += FRAME_TS;
    }
    for (int i = slot; i < streams; i += TALK_SLOTS) {
        if (heard_at[i] == 0 || now - heard_at[i] > QUIET_NANOS) {
            continue;
        }
        uint16_t seq = talk_seq[i]++;
        talk_packet[2] = (uint8_t) (seq >> 8);
        talk_packet[3] = (uint8_t) seq;
        *(uint32_t *) (talk_packet + 4) = htonl(talk_ts);
        *(uint32_t *) (talk_packet + 8) = htonl(0x5000u + (uint32_t) i);
        sendto(fd_of[i], talk_packet, sizeof(talk_packet), MSG_DONTWAIT, (struct sockaddr *) &peer_of[i],
               sizeof(peer_of[i]));
    }
}

static int bind_udp(const char *host, int port, int buffer) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) {
        die("socket");
    }
    if (buffer > 0) {
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof(buffer));
    }
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t) port)};
    if (inet_pton(AF_INET, host, &address.sin_addr) != 1) {
        fprintf(stderr, "rtp_sink: host %s (expected: an IPv4 address)\n", host);
        exit(2);
    }
    if (bind(fd, (struct sockaddr *) &address, sizeof(address)) != 0) {
        fprintf(stderr, "rtp_sink: cannot bind udp %s:%d (%s)\n", host, port, strerror(errno));
        exit(1);
    }
    return fd;
}

int main(int argc, char **argv) {
    if (argc != 8) {
        fprintf(stderr, "usage: rtp_sink host base step count controlPort threads maxSeconds\n");
        return 2;
    }
    const char *at = getenv("RTP_SINK_AT");
    at_send = !(at && strcmp(at, "receive") == 0);
    const char *talking = getenv("RTP_SINK_TALK");
    talk = talking && strcmp(talking, "1") == 0;
    if (talk) {
        talk_prepare();
    }
    const char *host = argv[1];
    int step = atoi(argv[3]);
    int control_port = atoi(argv[5]);
    long max_seconds = atol(argv[7]);
    char bases[4096], counts[4096];
    snprintf(bases, sizeof(bases), "%s", argv[2]);
    snprintf(counts, sizeof(counts), "%s", argv[4]);
    char *base_save, *count_save;
    char *base = strtok_r(bases, ",", &base_save);
    char *count = strtok_r(counts, ",", &count_save);
    int ranges = 0;
    while (base && count) {
        for (int k = 0; k < atoi(count); k++) {
            int port = atoi(base) + step * (k + 1);
            if (streams == MAX_STREAMS || port > 65535) {
                fprintf(stderr, "rtp_sink: too many ports (at most %d, below 65536)\n", MAX_STREAMS);
                return 2;
            }
            ports[streams] = port;
            stream_of_port[port] = ++streams;
        }
        ranges++;
        base = strtok_r(NULL, ",", &base_save);
        count = strtok_r(NULL, ",", &count_save);
    }
    if (base || count || streams == 0) {
        fprintf(stderr, "rtp_sink: bases and counts do not pair up\n");
        return 2;
    }
    histogram = calloc((size_t) streams, sizeof(*histogram));
    if (!histogram) {
        die("calloc");
    }
    for (int i = 0; i < streams; i++) {
        fd_of[i] = bind_udp(host, ports[i], 1); /* the kernel's smallest buffer: a few packets, dropped unread */
    }

    int ring = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
    if (ring < 0) {
        die("AF_PACKET socket (needs root or CAP_NET_RAW)");
    }
    ring_fd = ring;
    int version = TPACKET_V3, one = 1;
    if (setsockopt(ring, SOL_PACKET, PACKET_VERSION, &version, sizeof(version)) != 0) {
        die("PACKET_VERSION");
    }
    (void) one;
    struct tpacket_req3 request = {.tp_block_size = BLOCK_SIZE, .tp_block_nr = BLOCK_COUNT,
                                   .tp_frame_size = FRAME_SIZE,
                                   .tp_frame_nr = BLOCK_SIZE / FRAME_SIZE * BLOCK_COUNT,
                                   .tp_retire_blk_tov = 10};
    if (setsockopt(ring, SOL_PACKET, PACKET_RX_RING, &request, sizeof(request)) != 0) {
        die("PACKET_RX_RING");
    }
    uint8_t *map = mmap(NULL, (size_t) BLOCK_SIZE * BLOCK_COUNT, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_LOCKED,
                        ring, 0);
    if (map == MAP_FAILED) {
        map = mmap(NULL, (size_t) BLOCK_SIZE * BLOCK_COUNT, PROT_READ | PROT_WRITE, MAP_SHARED, ring, 0);
        if (map == MAP_FAILED) {
            die("mmap");
        }
    }
    struct sockaddr_ll link = {.sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL),
                               .sll_ifindex = (int) if_nametoindex("lo")};
    if (bind(ring, (struct sockaddr *) &link, sizeof(link)) != 0) {
        die("bind lo");
    }
    int control_fd = bind_udp(host, control_port, 0);

    printf("RtpSink: %d ports %d..%d step %d (%d range(s)) on %s, kernel timestamps at %s (rtp_sink.c), control udp "
           "%d%s\n", streams, ports[0], ports[streams - 1], step, ranges, host, at_send ? "send" : "receive",
           control_port, talk ? "; talking back on every port (1 kHz PCMU)" : "");
    fflush(stdout);

    int64_t deadline = now_realtime() + max_seconds * 1000000000L;
    int64_t next_talk = now_realtime() + TALK_NANOS;
    int talk_slot_now = 0;
    unsigned block = 0;
    struct pollfd fds[2] = {{.fd = ring, .events = POLLIN | POLLERR}, {.fd = control_fd, .events = POLLIN}};
    for (;;) {
        int64_t now = now_realtime();
        if (talk && now >= next_talk) {
            talk_slot(now, talk_slot_now);
            talk_slot_now = (talk_slot_now + 1) % TALK_SLOTS;
            next_talk = now - next_talk > 50 * TALK_NANOS ? now + TALK_NANOS : next_talk + TALK_NANOS;
        }
        struct tpacket_block_desc *desc = (struct tpacket_block_desc *) (map + (size_t) block * BLOCK_SIZE);
        if (!(desc->hdr.bh1.block_status & TP_STATUS_USER)) {
            if (now > deadline) {
                fprintf(stderr, "RtpSink: maxSeconds %ld reached, exiting\n", max_seconds);
                return 3;
            }
            struct timespec wait = {.tv_sec = 0, .tv_nsec = 100000000L};
            if (talk) {
                wait.tv_nsec = next_talk > now ? next_talk - now : 0;
            }
            ppoll(fds, 2, &wait, NULL);
            if (fds[1].revents & POLLIN) {
                if (!control(control_fd)) {
                    return 0;
                }
            }
            continue;
        }
        struct tpacket3_hdr *header = (struct tpacket3_hdr *) ((uint8_t *) desc + desc->hdr.bh1.offset_to_first_pkt);
        for (unsigned p = 0; p < desc->hdr.bh1.num_pkts; p++) {
            const struct sockaddr_ll *from = (const struct sockaddr_ll *) ((uint8_t *) header
                    + TPACKET_ALIGN(sizeof(struct tpacket3_hdr)));
            /* lo shows each packet twice: as sent (in the sender's system call) and as delivered */
            if (from->sll_pkttype == (at_send ? PACKET_OUTGOING : PACKET_HOST)) {
                int64_t arrival = (int64_t) header->tp_sec * 1000000000L + header->tp_nsec;
                frame((uint8_t *) header + header->tp_mac, header->tp_snaplen, arrival);
            }
            header = (struct tpacket3_hdr *) ((uint8_t *) header + header->tp_next_offset);
        }
        __sync_synchronize();
        desc->hdr.bh1.block_status = TP_STATUS_KERNEL;
        block = (block + 1) % BLOCK_COUNT;
        if (poll(&fds[1], 1, 0) > 0 && (fds[1].revents & POLLIN) && !control(control_fd)) {
            return 0;
        }
    }
}
