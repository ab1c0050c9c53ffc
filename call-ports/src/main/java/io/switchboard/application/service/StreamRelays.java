package io.switchboard.application.service;

import io.switchboard.application.port.out.MediaStreams;
import io.switchboard.application.port.out.SpeechRecognizer;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.streaming.StreamSpec;
import io.switchboard.domain.streaming.StreamingSpec;
import io.switchboard.domain.streaming.StreamingSpec.Channels;
import io.switchboard.domain.streaming.TranscriptionSpec;
import io.switchboard.domain.telephony.TelephonyCommand.StartStreaming;
import io.switchboard.domain.telephony.TelephonyCommand.StopStreaming;
import io.switchboard.domain.telephony.TelephonyCommand.StreamLeg;
import io.switchboard.domain.telephony.TelephonyCommand.StreamTone;
import io.switchboard.domain.telephony.TelephonyCommand.UnstreamLeg;
import io.switchboard.domain.telephony.TelephonyCommand.UpdateTranscription;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls' media streams and live transcriptions: opens each one's connection through {@link MediaStreams}, has
 * telephony deliver what the legs the call names say to it (each apart, or mixed by a {@link Mixdown}; for a
 * transcription, through a {@link Transcriber} per leg), and, for a bidirectional stream, plays what the application
 * sends back into those legs through one {@link FrameQueue} each. Tells the call when a connection opened or failed.
 * Thread-safe: the calls' executors start and stop relays, telephony's audio thread and the connections' threads feed
 * them.
 */
final class StreamRelays {

    private static final System.Logger LOG = System.getLogger(StreamRelays.class.getName());

    private final Telephony telephony;
    private final MediaStreams streams;
    private final Optional<SpeechRecognizer> recognizer;
    private final Map<MediaOperationId, Relay> relays = new ConcurrentHashMap<>();

    StreamRelays(Telephony telephony, MediaStreams streams, Optional<SpeechRecognizer> recognizer) {
        this.telephony = telephony;
        this.streams = streams;
        this.recognizer = recognizer;
    }

    void start(Calls calls, Call call, StartStreaming start) {
        CallConnectionId callId = call.id();
        Optional<String> unable = start.spec() instanceof TranscriptionSpec text ? untranscribable(text)
                : Optional.empty();
        if (unable.isPresent()) {
            LOG.log(Level.WARNING, "call {0}: transcription {1} not started: {2}", callId, start.stream(),
                    unable.get());
            calls.report(callId, current -> current.streamingFailed(start.stream(),
                    ResultInformation.speechServiceFailed(unable.get())));
            return;
        }
        Relay relay = new Relay(callId, start.stream(), start.spec(), recognizer);
        relays.put(start.stream(), relay);
        streams.open(new MediaStreams.Request(callId, start.stream(), start.spec()), relay.inbound(calls))
                .whenComplete((connection, error) -> {
                    if (error != null) {
                        String why = why(error);
                        LOG.log(Level.WARNING, "call {0}: {1} {2} could not be opened: {3}", callId,
                                kind(start.spec()), start.stream(), why);
                        calls.report(callId, current -> current.streamingFailed(start.stream(),
                                ResultInformation.streamingFailed("the WebSocket could not be opened: " + why)));
                    } else if (relay.opened(connection)) {
                        LOG.log(Level.INFO, "call {0}: {1} {2} open to {3}", callId, kind(start.spec()),
                                start.stream(), start.spec().transportUrl().getHost());
                        calls.report(callId, current -> current.streamingOpened(start.stream()));
                    } else {
                        connection.close(); // stopped while it was being opened
                    }
                });
    }

    void streamLeg(Call call, StreamLeg command) {
        Relay relay = relays.get(command.stream());
        if (relay == null) {
            return;
        }
        relay.add(command);
        try {
            telephony.listen(call.id(), command.stream(), command.leg(), samples -> relay.heard(command, samples));
            if (relay.spec instanceof StreamingSpec audio && audio.bidirectional()) {
                telephony.feed(call.id(), command.stream(), command.leg(), relay.queue(command.leg()));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "call {0}: leg {1} cannot be streamed: {2}", call.id(), command.leg(),
                    e.getMessage());
        }
    }

    void unstreamLeg(UnstreamLeg command) {
        Optional.ofNullable(relays.get(command.stream())).ifPresent(relay -> relay.remove(command.leg()));
    }

    void tone(StreamTone command) {
        Optional.ofNullable(relays.get(command.stream())).ifPresent(relay -> relay.tone(command));
    }

    void update(UpdateTranscription command) {
        Optional.ofNullable(relays.get(command.stream())).ifPresent(relay -> relay.locale = command.locale());
    }

    void stop(Call call, StopStreaming stop) {
        Relay relay = relays.remove(stop.stream());
        if (relay == null) {
            return;
        }
        telephony.stopListening(call.id(), stop.stream());
        telephony.stopFeeding(call.id(), stop.stream());
        relay.close();
        LOG.log(Level.INFO, "call {0}: {1} {2} stopped{3}", call.id(), kind(relay.spec), stop.stream(),
                relay.dropped());
    }

    /** Why this transcription cannot be done here: no recognizer, or one that does not know its language. */
    private Optional<String> untranscribable(TranscriptionSpec text) {
        if (recognizer.isEmpty()) {
            return Optional.of("no speech recognizer is configured");
        }
        Set<String> locales = recognizer.get().locales();
        return locales.stream().anyMatch(text.locale()::equalsIgnoreCase) ? Optional.empty()
                : Optional.of("locale " + text.locale() + " is not one the speech recognizer knows ("
                + String.join(", ", new TreeSet<>(locales)) + ")");
    }

    private static String kind(StreamSpec spec) {
        return spec instanceof TranscriptionSpec ? "transcription" : "media stream";
    }

    private static String why(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return String.valueOf(cause.getMessage());
    }

    /** One stream: its connection once open, the legs it carries, what waits to be played into them. */
    private static final class Relay {

        private final CallConnectionId call;
        private final MediaOperationId stream;
        private final StreamSpec spec;
        private final Optional<SpeechRecognizer> recognizer;
        private final Map<LegId, StreamLeg> legs = new ConcurrentHashMap<>();
        private final Map<LegId, FrameQueue> queues = new ConcurrentHashMap<>();
        private final Map<LegId, Transcriber> transcribers = new ConcurrentHashMap<>();
        private final Mixdown mixdown;
        private volatile MediaStreams.Connection connection;
        private volatile boolean closed;
        private volatile String locale;

        Relay(CallConnectionId call, MediaOperationId stream, StreamSpec spec, Optional<SpeechRecognizer> recognizer) {
            this.call = call;
            this.stream = stream;
            this.spec = spec;
            this.recognizer = recognizer;
            this.mixdown = new Mixdown(frame -> send(Optional.empty(), frame));
            this.locale = spec instanceof TranscriptionSpec text ? text.locale() : "";
        }

        /** Keeps the open connection; false if the relay was closed meanwhile. */
        synchronized boolean opened(MediaStreams.Connection open) {
            if (closed) {
                return false;
            }
            connection = open;
            return true;
        }

        void add(StreamLeg leg) {
            legs.put(leg.leg(), leg);
            mixdown.join(leg.leg());
            if (spec instanceof TranscriptionSpec) {
                transcribers.put(leg.leg(), new Transcriber("call " + call + " transcription " + stream,
                        () -> locale, recognizer.orElseThrow(), (said, offset, length) -> {
                            MediaStreams.Connection open = connection;
                            if (open != null) {
                                open.transcript(leg.participant(), said, offset, length);
                            }
                        }));
            }
        }

        void remove(LegId leg) {
            legs.remove(leg);
            queues.remove(leg);
            transcribers.remove(leg);
            mixdown.leave(leg);
        }

        FrameQueue queue(LegId leg) {
            return queues.computeIfAbsent(leg, l -> new FrameQueue());
        }

        /** Telephony's audio thread: what a leg said. */
        void heard(StreamLeg leg, short[] samples) {
            Transcriber transcriber = transcribers.get(leg.leg());
            if (transcriber != null) {
                transcriber.frame(samples);
            } else if (spec instanceof StreamingSpec audio && audio.channels() == Channels.UNMIXED) {
                send(Optional.of(leg), samples);
            } else {
                mixdown.frame(leg.leg(), samples);
            }
        }

        void tone(StreamTone tone) {
            MediaStreams.Connection open = connection;
            if (open != null) {
                open.tone(tone.participant(), tone.tone());
            }
        }

        synchronized void close() {
            closed = true;
            if (connection != null) {
                connection.close();
            }
        }

        String dropped() {
            long samples = queues.values().stream().mapToLong(FrameQueue::dropped).sum();
            return samples == 0 ? "" : " (" + samples / 8 + " ms of the audio sent back dropped: the queue was full)";
        }

        private void send(Optional<StreamLeg> leg, short[] frame) {
            MediaStreams.Connection open = connection;
            if (open != null) {
                open.audio(leg.map(StreamLeg::participant), frame);
            }
        }

        MediaStreams.Inbound inbound(Calls calls) {
            return new MediaStreams.Inbound() {
                @Override
                public void audio(short[] samples) {
                    queues.values().forEach(queue -> queue.offer(samples));
                }

                @Override
                public void stopAudio() {
                    queues.values().forEach(FrameQueue::clear);
                }

                @Override
                public void lost(String why) {
                    LOG.log(Level.WARNING, "call {0}: {1} {2} lost: {3}", call, kind(spec), stream, why);
                    calls.report(call, current -> current.streamingFailed(stream,
                            ResultInformation.streamingFailed("the WebSocket was lost: " + why)));
                }
            };
        }
    }
}
