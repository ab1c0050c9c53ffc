package io.switchboard.domain.connection;

import io.switchboard.domain.call.LegId;
import io.switchboard.domain.participant.Participant;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The participants of a call and the counters of what was reported about them.
 *
 * @param sequence      the sequence number of the last {@code ParticipantsUpdated}
 * @param toneSequence  the sequence number of the last tone received
 * @param dtmfListeners legs whose tones are reported one by one (continuous DTMF recognition)
 */
public record Roster(List<Participant> participants, int sequence, int toneSequence, Set<LegId> dtmfListeners) {

    public Roster {
        participants = List.copyOf(participants);
        dtmfListeners = Set.copyOf(dtmfListeners);
    }

    static Roster of(List<Participant> participants) {
        return new Roster(participants, 0, 0, Set.of());
    }

    Optional<Participant> find(LegId leg) {
        return participants.stream().filter(p -> p.leg().equals(leg)).findFirst();
    }

    /** Finds a participant by the id this server gave it, or by its identifier's raw id. */
    Optional<Participant> find(String idOrRawId) {
        return participants.stream()
                .filter(p -> p.id().value().equals(idOrRawId) || p.identifier().rawId().equals(idOrRawId))
                .findFirst();
    }

    List<Participant> connected() {
        return participants.stream().filter(Participant::isConnected).toList();
    }

    Roster with(List<Participant> next) {
        return new Roster(next, sequence, toneSequence, dtmfListeners);
    }

    Roster adding(List<Participant> more) {
        List<Participant> all = new ArrayList<>(participants);
        all.addAll(more);
        return with(all);
    }

    Roster replacing(Participant changed) {
        return with(participants.stream().map(p -> p.id().equals(changed.id()) ? changed : p).toList());
    }

    Roster without(LegId leg) {
        return with(participants.stream().filter(p -> !p.leg().equals(leg)).toList());
    }

    Roster nextSequence() {
        return new Roster(participants, sequence + 1, toneSequence, dtmfListeners);
    }

    Roster nextTone() {
        return new Roster(participants, sequence, toneSequence + 1, dtmfListeners);
    }

    Roster withDtmfListeners(Set<LegId> next) {
        return new Roster(participants, sequence, toneSequence, Objects.requireNonNull(next, "next"));
    }
}
