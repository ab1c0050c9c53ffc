package io.switchboard.adapter.media;

import io.switchboard.application.port.out.MediaStreams;
import io.switchboard.application.port.out.MediaStreams.Inbound;
import io.switchboard.domain.media.RecognizedSpeech;
import io.switchboard.domain.media.Tone;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.streaming.StreamingSpec;
import io.switchboard.domain.streaming.TranscriptionSpec;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One open media stream or live transcription: ACS's messages on one WebSocket. Everything about it runs on the
 * socket's context; audio from telephony is copied and queued onto it, within {@value #MAX_QUEUED_FRAMES} frames
 * (then dropped, counted), and frames the socket cannot take (its write queue is full) are dropped too: a slow
 * application never stalls the call.
 */
final class StreamSocket implements MediaStreams.Connection {

    private static final System.Logger LOG = System.getLogger(StreamSocket.class.getName());
    /** Frames waiting for the socket's context: one second. */
    static final int MAX_QUEUED_FRAMES = 50;
    /** A frame whose samples all stay below this is silent (about -60 dBFS). */
    private static final int SILENCE = 32;

    private final Context context;
    private final WebSocket socket;
    private final MediaStreams.Request request;
    private final Inbound inbound;
    private final AtomicLong droppedTotal;
    private final AtomicInteger queued = new AtomicInteger();
    private final Map<String, RateConverter> upsamplers = new HashMap<>(); // context only
    private final int rate;
    private final RateConverter downsampler;
    private final AtomicLong dropped = new AtomicLong();
    private boolean warnedUnreadable; // context only
    private volatile boolean closed;

    private StreamSocket(Context context, WebSocket socket, MediaStreams.Request request, Inbound inbound,
                         AtomicLong droppedTotal) {
        this.context = context;
        this.socket = socket;
        this.request = request;
        this.inbound = inbound;
        this.droppedTotal = droppedTotal;
        this.rate = request.spec() instanceof StreamingSpec audio ? audio.sampleRate() : 16_000;
        this.downsampler = new RateConverter(rate);
    }

    /** Wires an open socket and sends the stream's metadata; runs on the socket's context. */
    static StreamSocket open(Vertx vertx, WebSocket socket, MediaStreams.Request request, Inbound inbound,
                             AtomicLong droppedTotal) {
        StreamSocket stream = new StreamSocket(vertx.getOrCreateContext(), socket, request, inbound, droppedTotal);
        socket.textMessageHandler(stream::received);
        socket.binaryMessageHandler(buffer -> stream.received(buffer.toString()));
        socket.exceptionHandler(error -> stream.lost(String.valueOf(error.getMessage())));
        socket.closeHandler(ignored -> stream.lost("closed by the application"
                + (socket.closeStatusCode() == null ? "" : " (status " + socket.closeStatusCode() + ")")));
        socket.writeTextMessage(metadata(request).encode());
        return stream;
    }

    /** The first message: {@code AudioMetadata}, or {@code TranscriptionMetadata} for a transcription. */
    private static JsonObject metadata(MediaStreams.Request request) {
        if (request.spec() instanceof TranscriptionSpec text) {
            return new JsonObject().put("kind", "TranscriptionMetadata").put("transcriptionMetadata", new JsonObject()
                    .put("subscriptionId", request.stream().value())
                    .put("locale", text.locale())
                    .put("callConnectionId", request.call().value())
                    .put("correlationId", request.call().value()));
        }
        int rate = ((StreamingSpec) request.spec()).sampleRate();
        return new JsonObject().put("kind", "AudioMetadata").put("audioMetadata", new JsonObject()
                .put("subscriptionId", request.stream().value())
                .put("encoding", "PCM")
                .put("sampleRate", rate)
                .put("channels", 1)
                .put("length", rate / 50 * 2));
    }

    @Override
    public void audio(Optional<CommunicationIdentifier> speaker, short[] frame) {
        if (closed) {
            return;
        }
        if (queued.incrementAndGet() > MAX_QUEUED_FRAMES) {
            queued.decrementAndGet();
            drop(); // counted here: no task is queued for a frame that is not sent
            return;
        }
        short[] copy = frame.clone();
        Instant at = Instant.now();
        context.runOnContext(ignored -> {
            queued.decrementAndGet();
            send(speaker.map(CommunicationIdentifier::rawId), copy, at);
        });
    }

    @Override
    public void tone(CommunicationIdentifier from, Tone tone) {
        Instant at = Instant.now();
        context.runOnContext(ignored -> {
            if (!closed) {
                socket.writeTextMessage(new JsonObject().put("kind", "DtmfData").put("dtmfData", new JsonObject()
                        .put("data", String.valueOf(tone.symbol()))
                        .put("participantRawID", from.rawId())
                        .put("timestamp", at.toString())).encode());
            }
        });
    }

    /**
     * A final result of a transcription: the text, its confidence, where it is in the stream and for how long (in
     * ticks of 100 ns), and its words, spread evenly over its length (the recognizers give no word timings).
     */
    @Override
    public void transcript(CommunicationIdentifier speaker, RecognizedSpeech said, Duration offset, Duration length) {
        context.runOnContext(ignored -> {
            if (closed) {
                return;
            }
            String[] words = said.text().trim().split("\\s+");
            long start = offset.toNanos() / 100;
            long ticks = length.toNanos() / 100;
            long each = ticks / Math.max(1, words.length);
            JsonArray wordList = new JsonArray();
            for (int i = 0; i < words.length; i++) {
                wordList.add(new JsonObject().put("text", words[i]).put("offset", start + i * each)
                        .put("duration", each));
            }
            JsonObject data = new JsonObject().put("text", said.text().trim()).put("format", "display");
            said.confidence().ifPresent(confidence -> data.put("confidence", confidence)); // unscored: left out
            data.put("offset", start).put("duration", ticks).put("words", wordList)
                    .put("participantRawID", speaker.rawId()).put("resultStatus", "Final");
            socket.writeTextMessage(new JsonObject().put("kind", "TranscriptionData").put("transcriptionData", data)
                    .encode());
        });
    }

    @Override
    public void close() {
        context.runOnContext(ignored -> {
            if (!closed) {
                closed = true;
                socket.close();
                report();
            }
        });
    }

    private void send(Optional<String> speaker, short[] frame, Instant at) {
        if (closed) {
            return;
        }
        if (socket.writeQueueFull()) {
            drop();
            return;
        }
        RateConverter upsampler = upsamplers.computeIfAbsent(speaker.orElse(""),
                s -> new RateConverter(rate));
        short[] samples = upsampler.up(frame);
        byte[] pcm = new byte[samples.length * 2];
        boolean silent = true;
        for (int i = 0; i < samples.length; i++) {
            pcm[2 * i] = (byte) samples[i];
            pcm[2 * i + 1] = (byte) (samples[i] >> 8);
            silent &= Math.abs(samples[i]) < SILENCE;
        }
        StringBuilder message = new StringBuilder(samples.length * 3 + 160)
                .append("{\"kind\":\"AudioData\",\"audioData\":{\"timestamp\":\"").append(at).append('"');
        speaker.ifPresent(raw -> message.append(",\"participantRawID\":").append(Json.encode(raw)));
        message.append(",\"data\":\"").append(Base64.getEncoder().encodeToString(pcm))
                .append("\",\"silent\":").append(silent).append("}}");
        socket.writeTextMessage(message.toString());
    }

    /** What the application sends: audio to play (bidirectional streams), or a request to drop what is queued. */
    private void received(String text) {
        if (closed) {
            return;
        }
        JsonObject message;
        try {
            message = new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            unreadable("not a JSON object");
            return;
        }
        String kind = String.valueOf(message.getValue("kind")).toLowerCase(Locale.ROOT);
        if (kind.equals("stopaudio")) {
            inbound.stopAudio();
        } else if (kind.equals("audiodata")) {
            Object audio = message.getValue("audioData");
            Object data = audio instanceof JsonObject object ? object.getValue("data") : null;
            if (!(data instanceof String base64)) {
                unreadable("AudioData without audioData.data");
                return;
            }
            if (!(request.spec() instanceof StreamingSpec spec && spec.bidirectional())) {
                unreadable("AudioData on a stream without enableBidirectional");
                return;
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                unreadable("audioData.data is not base64");
                return;
            }
            ByteBuffer pcm = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            short[] samples = new short[bytes.length / 2];
            pcm.asShortBuffer().get(samples);
            inbound.audio(downsampler.down(samples));
        } else {
            unreadable("kind " + message.getValue("kind") + " (expected: AudioData or StopAudio)");
        }
    }

    private void unreadable(String why) {
        if (!warnedUnreadable) {
            warnedUnreadable = true; // once per stream: a misbehaving application must not flood the log
            LOG.log(Level.WARNING, "call {0}: media stream {1}: a message from the application was ignored: {2}",
                    request.call(), request.stream(), why);
        }
    }

    private void drop() {
        dropped.incrementAndGet();
        droppedTotal.incrementAndGet();
    }

    private void lost(String why) {
        if (!closed) {
            closed = true;
            report();
            inbound.lost(why);
        }
    }

    private void report() {
        if (dropped.get() > 0) {
            LOG.log(Level.WARNING, "call {0}: media stream {1}: {2} frames dropped, the application did not keep up",
                    request.call(), request.stream(), dropped.get());
        }
    }
}
