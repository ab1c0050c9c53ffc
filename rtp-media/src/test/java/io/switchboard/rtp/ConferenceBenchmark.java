package io.switchboard.rtp;

import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.Tone;
import io.switchboard.rtp.MediaBenchmark.Receiver;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Conference load benchmark, not a test: M mixes of N members; every member's peer talks (a paced tone, PCMU and
 * PCMA alternating) from the same UDP socket that measures what the engine sends back, so every leg is decoded,
 * jitter-buffered, mixed and re-encoded each tick. Prints the inter-arrival distribution, loss and the pacers' CPU.
 * Run {@code bench/media/conference.sh}. Arguments: mixes (50), members per mix (6), seconds measured (20), pacer
 * threads (2), receiver threads (1).
 */
public final class ConferenceBenchmark {

    private ConferenceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int mixes = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int members = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int pacers = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int receiverThreads = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        int legs = mixes * members;

        Receiver[] receivers = new Receiver[receiverThreads];
        for (int i = 0; i < receiverThreads; i++) {
            receivers[i] = new Receiver(i);
        }
        MediaConfig config = new MediaConfig("127.0.0.1", 30000, 39999, pacers, Duration.ofSeconds(600));
        List<DatagramChannel> talkers = new ArrayList<>();
        List<InetSocketAddress> targets = new ArrayList<>();
        List<Codec> codecs = new ArrayList<>();
        try (MediaEngine engine = MediaEngine.start(config)) {
            MediaListener quiet = new MediaListener() {
                @Override public void playbackFinished(MediaOperationId playbackId) { }
                @Override public void toneReceived(Tone tone) { }
                @Override public void mediaTimeout() { }
            };
            for (int m = 0; m < mixes; m++) {
                MediaMix mix = engine.openMix();
                for (int i = 0; i < members; i++) {
                    Receiver receiver = receivers[(m * members + i) % receiverThreads];
                    MediaSession session = engine.open(quiet);
                    Codec codec = i % 2 == 0 ? Codec.PCMU : Codec.PCMA;
                    session.start(receiver.add(), codec.payloadType(), 101);
                    session.join(mix);
                    talkers.add(receiver.channels.get(receiver.channels.size() - 1));
                    targets.add(new InetSocketAddress("127.0.0.1", session.localPort()));
                    codecs.add(codec);
                }
            }
            Thread talker = startTalking(talkers, targets, codecs);
            for (Receiver receiver : receivers) {
                receiver.start();
            }
            System.out.printf("conference: %d mixes x %d members = %d legs, every member talking%n", mixes, members,
                    legs);
            MediaBenchmark.measure(engine, receivers, legs, seconds, pacers);
            talker.interrupt();
            for (Receiver receiver : receivers) {
                receiver.running = false;
            }
        }
    }

    /** One thread sends every leg's 20 ms tone packet on absolute 20 ms deadlines. */
    private static Thread startTalking(List<DatagramChannel> channels, List<InetSocketAddress> targets,
                                       List<Codec> codecs) {
        Thread thread = new Thread(() -> {
            int legs = channels.size();
            ByteBuffer[] packets = new ByteBuffer[legs];
            byte[][] tones = new byte[legs][]; // one second of each leg's tone, encoded once
            for (int i = 0; i < legs; i++) {
                packets[i] = ByteBuffer.allocateDirect(RtpPacket.HEADER_BYTES + Codec.FRAME_BYTES);
                short[] pcm = new short[8000];
                for (int n = 0; n < pcm.length; n++) {
                    pcm[n] = (short) (3000 * Math.sin(2 * Math.PI * (200 + 100 * (i % 8)) * n / 8000.0));
                }
                tones[i] = codecs.get(i).encode(pcm);
            }
            long next = System.nanoTime();
            for (int tick = 0; !Thread.currentThread().isInterrupted(); tick++) {
                for (int i = 0; i < legs; i++) {
                    ByteBuffer packet = packets[i];
                    Codec codec = codecs.get(i);
                    RtpPacket.writeHeader(packet, tick == 0, codec.payloadType(), tick, tick * 160, 0x1000 + i);
                    packet.position(RtpPacket.HEADER_BYTES);
                    packet.put(tones[i], tick % 50 * Codec.FRAME_BYTES, Codec.FRAME_BYTES);
                    packet.clear();
                    try {
                        channels.get(i).send(packet, targets.get(i));
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
                next += Pacer.PERIOD_NANOS;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }, "bench-talker");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
