package io.switchboard.adapter.sip;

import io.switchboard.application.port.out.RecordedFile;
import io.switchboard.application.port.out.RecordingRequest;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.recording.RecordingChannels;
import io.switchboard.domain.recording.RecordingId;
import io.switchboard.rtp.MediaEngine;
import io.switchboard.rtp.MediaMix;
import io.switchboard.rtp.MediaRecorder;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The recordings of calls: each feeds a {@link MediaRecorder} from the call's answered legs (what each says, and
 * what it hears of its own prompts) and from its mix's prompts while it has a mix; legs answered later and mixes
 * opened later are added as they come. Mixed, everything goes to one channel; unmixed, each leg gets a channel (the
 * ordered ones first, then in join order, up to {@link RecordingChannels#PARTICIPANT_CHANNELS}; later ones are not
 * recorded) and the prompts the last one.
 *
 * <p>Confined to the signalling thread; a recording's stage completes on the engine's writer thread.
 */
final class Recordings {

    private static final System.Logger LOG = System.getLogger(SipTelephony.class.getName());

    /** One call's recording. */
    private static final class Running {
        final RecordingRequest request;
        final MediaRecorder recorder;
        final Map<LegId, Integer> channels = new LinkedHashMap<>();
        final CompletableFuture<RecordedFile> done = new CompletableFuture<>();
        /** The channels as they were when it stopped: read by the writer thread that completes it. */
        volatile Map<LegId, Integer> finalChannels;

        Running(RecordingRequest request, MediaRecorder recorder) {
            this.request = request;
            this.recorder = recorder;
            for (int i = 0; i < request.channelOrder().size(); i++) {
                channels.put(request.channelOrder().get(i), i);
            }
        }

        int promptChannel() {
            return request.channels() == RecordingChannels.MIXED ? 0 : RecordingChannels.PARTICIPANT_CHANNELS;
        }

        /** The channel of a leg, given on first sight; empty once an unmixed recording's channels are all taken. */
        Optional<Integer> channelOf(LegId leg) {
            if (request.channels() == RecordingChannels.MIXED) {
                channels.putIfAbsent(leg, 0);
                return Optional.of(0);
            }
            Integer known = channels.get(leg);
            if (known != null) {
                return Optional.of(known);
            }
            for (int channel = 0; channel < RecordingChannels.PARTICIPANT_CHANNELS; channel++) {
                if (!channels.containsValue(channel)) {
                    channels.put(leg, channel);
                    return Optional.of(channel);
                }
            }
            return Optional.empty();
        }
    }

    private final MediaEngine media;
    private final Map<CallConnectionId, Running> byCall = new HashMap<>();
    private final Map<RecordingId, Running> byId = new HashMap<>();

    Recordings(MediaEngine media) {
        this.media = media;
    }

    /** Starts recording a call whose answered legs and mix are those given. */
    CompletionStage<RecordedFile> start(RecordingRequest request, List<Leg> answered, Optional<MediaMix> mix) {
        if (byCall.containsKey(request.call())) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "call " + request.call() + " is being recorded already"));
        }
        MediaRecorder recorder;
        try {
            recorder = media.openRecorder(request.file(), request.channels().count(), request.paused());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Running running = new Running(request, recorder);
        byCall.put(request.call(), running);
        byId.put(request.recording(), running);
        answered.forEach(leg -> feed(running, leg));
        mix.ifPresent(opened -> opened.record(recorder.tap(running.promptChannel())));
        recorder.finished().whenComplete((audio, error) -> {
            if (error != null) {
                running.done.completeExceptionally(error);
            } else {
                running.done.complete(new RecordedFile(audio.file(), audio.channels(),
                        Duration.ofMillis(audio.durationMillis()), audio.bytes(),
                        running.finalChannels == null ? Map.of() : running.finalChannels));
            }
        });
        LOG.log(Level.INFO, "SIP call {0}: recording {1} into {2}", request.call(), request.recording(),
                request.file());
        return running.done;
    }

    /** A leg of a call was answered (its media started): recorded too if its call is. */
    void answered(Leg leg) {
        Running running = byCall.get(leg.call());
        if (running != null) {
            feed(running, leg);
        }
    }

    /** A call's mix opened: its prompts are recorded if the call is. */
    void mixOpened(CallConnectionId call, MediaMix mix) {
        Running running = byCall.get(call);
        if (running != null) {
            mix.record(running.recorder.tap(running.promptChannel()));
        }
    }

    void pause(RecordingId recording, boolean paused) {
        Optional.ofNullable(byId.get(recording)).ifPresent(running -> running.recorder.pause(paused));
    }

    /** Stops feeding the recording and completes its file; {@code answered} and {@code mix} stop feeding it. */
    void stop(RecordingId recording, List<Leg> answered, Optional<MediaMix> mix) {
        Running running = byId.remove(recording);
        if (running == null) {
            return;
        }
        byCall.remove(running.request.call());
        running.finalChannels = Map.copyOf(running.channels);
        answered.forEach(leg -> leg.media.stopRecording());
        mix.ifPresent(MediaMix::stopRecording);
        running.recorder.close();
        LOG.log(Level.INFO, "SIP call {0}: recording {1} stopped", running.request.call(), recording);
    }

    private static void feed(Running running, Leg leg) {
        Optional<Integer> channel = running.channelOf(leg.id());
        if (channel.isEmpty()) {
            LOG.log(Level.INFO, "SIP {0}: not recorded: the unmixed recording''s {1} participant channels are taken",
                    leg, RecordingChannels.PARTICIPANT_CHANNELS);
            return;
        }
        leg.media.record(running.recorder.tap(channel.get()), running.recorder.tap(running.promptChannel()));
    }
}
