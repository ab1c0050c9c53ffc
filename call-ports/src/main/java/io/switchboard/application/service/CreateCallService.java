package io.switchboard.application.service;

import io.switchboard.application.port.in.CreateCallCommand;
import io.switchboard.application.port.in.CreateCallUseCase;
import io.switchboard.application.port.out.IdGenerator;
import io.switchboard.domain.call.Call;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantId;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Creates a call and dials its targets. */
public final class CreateCallService implements CreateCallUseCase {

    private final Calls calls;
    private final Legs legs;
    private final IdGenerator ids;
    private final Clock clock;
    private final CallSettings settings;

    CreateCallService(Calls calls, Legs legs, IdGenerator ids, Clock clock, CallSettings settings) {
        this.calls = calls;
        this.legs = legs;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public CompletionStage<Call> createCall(CreateCallCommand command) {
        CallConnectionId id = CallConnectionId.of(ids.newId());
        return calls.onExecutor(id, () -> {
            List<Participant> targets = command.targets().stream()
                    .map(t -> Participant.target(ParticipantId.of(ids.newId()), t, LegId.of(ids.newId())))
                    .toList();
            Call created = calls.apply(Call.create(id, ids.newId(), command.setup(), targets, clock.instant()));
            legs.dial(created, targets, command.setup().callerId(),
                    command.ringTimeout().orElse(settings.ringTimeout()));
            return created;
        });
    }
}
