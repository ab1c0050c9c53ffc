package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.application.port.in.CallUseCases;
import io.switchboard.application.port.in.CancelAddParticipantCommand;
import io.switchboard.application.port.in.InviteParticipantsCommand;
import io.switchboard.application.port.in.MoveParticipantsCommand;
import io.switchboard.application.port.in.MuteParticipantCommand;
import io.switchboard.application.port.in.RemoveParticipantCommand;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.Participant;
import io.vertx.ext.web.RoutingContext;

import static io.switchboard.adapter.rest.acs.GaCallHandler.callId;

/** {@code /calling/callConnections/{id}/participants}: list, read, add, remove, mute, cancel add, move (GA API). */
final class GaParticipantHandler {

    private final CallUseCases useCases;

    GaParticipantHandler(CallUseCases useCases) {
        this.useCases = useCases;
    }

    /** 200 {@code {value:[CallParticipant]}}: the connected participants. */
    void list(RoutingContext rc) {
        GaReplies.json(rc, useCases.getCall().getCall(callId(rc)), 200, GaJson::participants);
    }

    /** 200 CallParticipant; the path's last segment is the participant's percent-encoded raw id. */
    void get(RoutingContext rc) {
        CallConnectionId callId = callId(rc);
        // parsed as a raw id so that 4:1425... finds 4:+1425...
        String rawId = CommunicationIdentifier.parseRawId(GaCallHandler.decoded(rc.pathParam("participant")))
                .rawId();
        GaReplies.json(rc, useCases.getCall().getCall(callId), 200, call -> GaJson.participant(
                call.participant(rawId).filter(Participant::isConnected).orElseThrow(() -> new CallAutomationException(
                        ErrorCode.PARTICIPANT_NOT_FOUND, "Participant " + rawId + " is not in call " + callId + "."))));
    }

    /** 202 {@code {participant, operationContext, invitationId}}; the invitation id is the participant id. */
    void add(RoutingContext rc) {
        InviteParticipantsCommand command = GaRequests.addParticipant(callId(rc), JsonRequest.object(rc));
        GaReplies.json(rc, useCases.inviteParticipants().inviteParticipants(command), 202,
                invitees -> GaJson.added(invitees.get(0)));
    }

    /** 202 {@code {operationContext}}. */
    void remove(RoutingContext rc) {
        RemoveParticipantCommand command = GaRequests.removeParticipant(callId(rc), JsonRequest.object(rc));
        GaReplies.json(rc, useCases.removeParticipant().removeParticipant(command), 202,
                ignored -> GaJson.operation(command.operationContext()));
    }

    /** 200 {@code {operationContext}}. */
    void mute(RoutingContext rc) {
        MuteParticipantCommand command = GaRequests.mute(callId(rc), JsonRequest.object(rc));
        GaReplies.json(rc, useCases.callControl().mute().muteParticipant(command), 200,
                ignored -> GaJson.operation(command.operationContext()));
    }

    /** 202 {@code {invitationId, operationContext}}. */
    void cancelAdd(RoutingContext rc) {
        CancelAddParticipantCommand command = GaRequests.cancelAdd(callId(rc), JsonRequest.object(rc));
        GaReplies.json(rc, useCases.callControl().cancelAddParticipant().cancelAddParticipant(command), 202,
                invitationId -> GaJson.operation(command.operationContext()).put("invitationId", invitationId));
    }

    /** 202 {@code {participants, operationContext, fromCall}}: the call's participants after the move. */
    void move(RoutingContext rc) {
        MoveParticipantsCommand command = GaRequests.moveParticipants(callId(rc), JsonRequest.object(rc));
        GaReplies.json(rc, useCases.callControl().move().moveParticipants(command), 202, participants -> {
            ObjectNode node = GaJson.operation(command.operationContext()).put("fromCall", command.fromCall().value());
            ArrayNode list = node.putArray("participants");
            participants.forEach(p -> list.add(GaJson.participant(p)));
            return node;
        });
    }
}
