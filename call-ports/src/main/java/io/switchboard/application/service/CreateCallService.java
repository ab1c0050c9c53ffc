package io.switchboard.application.service;

import io.switchboard.application.port.in.CreateCallCommand;
import io.switchboard.application.port.in.CreateCallUseCase;
import io.switchboard.application.port.out.IdGenerator;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantId;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Creates a call and dials its targets. */
public final class CreateCallService implements CreateCallUseCase {

    private final Calls calls;
    private final IdGenerator ids;
    private final Clock clock;

    CreateCallService(Calls calls, IdGenerator ids, Clock clock) {
        this.calls = calls;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Call> createCall(CreateCallCommand command) {
        CallConnectionId id = CallConnectionId.of(ids.newId());
        return calls.onExecutor(id, () -> {
            List<Participant> targets = command.targets().stream()
                    .map(t -> Participant.target(ParticipantId.of(ids.newId()), t, LegId.of(ids.newId())))
                    .toList();
            return calls.apply(Call.create(id, ids.newId(), command.setup(), targets, clock.instant(),
                    command.ringTimeout()));
        });
    }
}
