package io.switchboard.adapter.sip;

import io.switchboard.application.port.out.AudioFeed;
import io.switchboard.application.port.out.AudioSink;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.rtp.FrameSource;
import io.switchboard.rtp.MediaEngine;
import io.switchboard.rtp.MediaSession;
import io.switchboard.rtp.VoiceListener;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Who hears the legs and who speaks into them besides their prompts: one {@link VoiceListener} per leg, whose frames
 * go to every operation listening to it (a recognition and a media stream may both), and the feeds mixed into legs
 * (a media stream's audio played back), each kept under its operation until that operation stops.
 *
 * <p>Threading: the maps are the signalling thread's; the sinks of a leg are read by the engine's writer thread.
 */
final class LegListeners {

    private record Sink(MediaOperationId operation, AudioSink sink) {
    }

    private record Feed(MediaOperationId operation, MediaSession media, FrameSource source) {
    }

    private static final class Ear {
        private final List<Sink> sinks = new CopyOnWriteArrayList<>();
        private VoiceListener listener;
    }

    private final MediaEngine engine;
    private final Map<LegId, Ear> ears = new HashMap<>();
    private final List<Feed> feeds = new ArrayList<>();

    LegListeners(MediaEngine engine) {
        this.engine = engine;
    }

    /** {@code sink} hears the leg from now on, besides the others listening; replaces what {@code operation} had. */
    void listen(LegId leg, MediaSession media, MediaOperationId operation, AudioSink sink) {
        Ear ear = ears.computeIfAbsent(leg, l -> new Ear());
        ear.sinks.removeIf(s -> s.operation().equals(operation));
        ear.sinks.add(new Sink(operation, sink));
        if (ear.listener == null) {
            ear.listener = engine.listen(media, frame -> {
                for (Sink s : ear.sinks) {
                    s.sink().frame(frame);
                }
            });
        }
    }

    /** Mixes what {@code feed} gives into the leg from now on. */
    void feed(MediaSession media, MediaOperationId operation, AudioFeed feed) {
        FrameSource source = feed::next;
        feeds.add(new Feed(operation, media, source));
        media.feed(source);
    }

    /** Stops what {@code operation} listens to; a leg nobody listens to any more is no longer tapped. */
    void stopListening(MediaOperationId operation) {
        for (Iterator<Ear> it = ears.values().iterator(); it.hasNext(); ) {
            Ear ear = it.next();
            if (ear.sinks.removeIf(s -> s.operation().equals(operation)) && ear.sinks.isEmpty()) {
                ear.listener.close();
                it.remove();
            }
        }
    }

    /** Stops the feeds of {@code operation}. */
    void stopFeeding(MediaOperationId operation) {
        feeds.removeIf(feed -> {
            if (!feed.operation().equals(operation)) {
                return false;
            }
            feed.media().stopFeed(feed.source());
            return true;
        });
    }

    void closeAll() {
        ears.values().forEach(ear -> ear.listener.close());
        ears.clear();
        feeds.clear();
    }
}
