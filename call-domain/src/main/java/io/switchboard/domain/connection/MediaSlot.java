package io.switchboard.domain.connection;

import io.switchboard.domain.call.LegId;
import io.switchboard.domain.media.HoldMusic;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.RecognizeOperation;
import io.switchboard.domain.recording.Recording;
import io.switchboard.domain.streaming.MediaStreaming;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The media of a call: its play or its recognition (one at a time), the music of its held participants, its
 * recording, its media stream.
 *
 * @param play      the last play, running or ended
 * @param playTo    the legs the running play goes to; empty for everyone connected and not on hold
 * @param recognize the DTMF recognition, while one runs
 * @param holdMusic the music of held participants, one per leg
 * @param recording the call's recording, while one runs (paused or not)
 * @param streaming the call's media stream, if the application set one up (running or not)
 * @param transcription the call's live transcription, if the application set one up (running or not)
 */
public record MediaSlot(Optional<PlayOperation> play, List<LegId> playTo, Optional<RecognizeOperation> recognize,
                        List<HoldMusic> holdMusic, Optional<Recording> recording, Optional<MediaStreaming> streaming,
                        Optional<MediaStreaming> transcription) {

    static final MediaSlot EMPTY = new MediaSlot(Optional.empty(), List.of(), Optional.empty(), List.of(),
            Optional.empty(), Optional.empty(), Optional.empty());

    public MediaSlot {
        Objects.requireNonNull(play, "play");
        playTo = List.copyOf(playTo);
        Objects.requireNonNull(recognize, "recognize");
        holdMusic = List.copyOf(holdMusic);
        Objects.requireNonNull(recording, "recording");
        Objects.requireNonNull(streaming, "streaming");
        Objects.requireNonNull(transcription, "transcription");
    }

    Optional<PlayOperation> runningPlay() {
        return play.filter(PlayOperation::isActive);
    }

    Optional<RecognizeOperation> prompting() {
        return recognize.filter(RecognizeOperation::prompting);
    }

    Optional<HoldMusic> holdMusic(MediaOperationId id) {
        return holdMusic.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    Optional<HoldMusic> holdMusicOf(LegId leg) {
        return holdMusic.stream().filter(m -> m.leg().equals(leg)).findFirst();
    }

    MediaSlot withPlay(Optional<PlayOperation> next, List<LegId> to) {
        return new MediaSlot(next, to, recognize, holdMusic, recording, streaming, transcription);
    }

    MediaSlot withPlay(Optional<PlayOperation> next) {
        return withPlay(next, playTo);
    }

    MediaSlot withRecognize(Optional<RecognizeOperation> next) {
        return new MediaSlot(play, playTo, next, holdMusic, recording, streaming, transcription);
    }

    MediaSlot withHoldMusic(List<HoldMusic> next) {
        return new MediaSlot(play, playTo, recognize, next, recording, streaming, transcription);
    }

    MediaSlot withRecording(Optional<Recording> next) {
        return new MediaSlot(play, playTo, recognize, holdMusic, next, streaming, transcription);
    }

    MediaSlot withStreaming(Optional<MediaStreaming> next) {
        return new MediaSlot(play, playTo, recognize, holdMusic, recording, next, transcription);
    }

    MediaSlot withTranscription(Optional<MediaStreaming> next) {
        return new MediaSlot(play, playTo, recognize, holdMusic, recording, streaming, next);
    }
}
