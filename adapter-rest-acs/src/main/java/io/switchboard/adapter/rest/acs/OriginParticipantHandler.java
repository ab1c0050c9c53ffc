package io.switchboard.adapter.rest.acs;

import io.switchboard.application.port.in.InviteParticipantsCommand;
import io.switchboard.application.port.in.InviteParticipantsUseCase;
import io.switchboard.application.port.in.RemoveParticipantCommand;
import io.switchboard.application.port.in.RemoveParticipantUseCase;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;

/** {@code /calls/:callId/participants} (origin API): outcomes follow as events, so both answer 202, empty. */
final class OriginParticipantHandler {

    private final InviteParticipantsUseCase invite;
    private final RemoveParticipantUseCase remove;

    OriginParticipantHandler(InviteParticipantsUseCase invite, RemoveParticipantUseCase remove) {
        this.invite = invite;
        this.remove = remove;
    }

    /** {@code POST /calls/:callId/participants}. */
    void invite(RoutingContext rc) {
        InviteParticipantsCommand command = OriginRequests.invite(OriginCallHandler.callId(rc), JsonRequest.object(rc));
        Replies.empty(rc, invite.inviteParticipants(command), 202);
    }

    /**
     * {@code DELETE /calls/:callId/participants/:participantId}: the id this server gave the participant, or its
     * raw identifier percent-encoded (Vert.x decodes path parameters, leaving {@code +} as is).
     */
    void remove(RoutingContext rc) {
        RemoveParticipantCommand command = new RemoveParticipantCommand(OriginCallHandler.callId(rc),
                rc.pathParam("participantId"), Optional.empty());
        Replies.empty(rc, remove.removeParticipant(command), 202);
    }
}
