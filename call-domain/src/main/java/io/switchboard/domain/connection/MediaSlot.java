package io.switchboard.domain.connection;

import io.switchboard.domain.call.LegId;
import io.switchboard.domain.media.HoldMusic;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.media.RecognizeOperation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The media a call plays: its play or its recognition (one at a time), and the music of its held participants.
 *
 * @param play      the last play, running or ended
 * @param playTo    the legs the running play goes to; empty for everyone connected and not on hold
 * @param recognize the DTMF recognition, while one runs
 * @param holdMusic the music of held participants, one per leg
 */
public record MediaSlot(Optional<PlayOperation> play, List<LegId> playTo, Optional<RecognizeOperation> recognize,
                        List<HoldMusic> holdMusic) {

    static final MediaSlot EMPTY = new MediaSlot(Optional.empty(), List.of(), Optional.empty(), List.of());

    public MediaSlot {
        Objects.requireNonNull(play, "play");
        playTo = List.copyOf(playTo);
        Objects.requireNonNull(recognize, "recognize");
        holdMusic = List.copyOf(holdMusic);
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
        return new MediaSlot(next, to, recognize, holdMusic);
    }

    MediaSlot withPlay(Optional<PlayOperation> next) {
        return withPlay(next, playTo);
    }

    MediaSlot withRecognize(Optional<RecognizeOperation> next) {
        return new MediaSlot(play, playTo, next, holdMusic);
    }

    MediaSlot withHoldMusic(List<HoldMusic> next) {
        return new MediaSlot(play, playTo, recognize, next);
    }
}
