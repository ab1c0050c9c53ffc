package io.switchboard.adapter.rest.acs;

import io.switchboard.application.port.in.CreateCallCommand;
import io.switchboard.application.port.in.CreateCallUseCase;
import io.switchboard.application.port.in.GetCallUseCase;
import io.switchboard.application.port.in.HangUpUseCase;
import io.switchboard.domain.call.CallConnectionId;
import io.vertx.ext.web.RoutingContext;

/** {@code /calls}: create a call, hang it up, read it (origin API). */
final class OriginCallHandler {

    private final CreateCallUseCase createCall;
    private final HangUpUseCase hangUp;
    private final GetCallUseCase getCall;

    OriginCallHandler(CreateCallUseCase createCall, HangUpUseCase hangUp, GetCallUseCase getCall) {
        this.createCall = createCall;
        this.hangUp = hangUp;
        this.getCall = getCall;
    }

    /** {@code POST /calls}: 200 {@code {"callLegId"}} (the original says 200 where the swagger says 201). */
    void create(RoutingContext rc) {
        CreateCallCommand command = OriginRequests.createCall(JsonRequest.object(rc));
        Replies.json(rc, createCall.createCall(command), 200, OriginJson::created);
    }

    /** {@code POST /calls/:callId/Hangup}: 202, empty. */
    void hangUp(RoutingContext rc) {
        Replies.empty(rc, hangUp.hangUp(callId(rc)), 202);
    }

    /** {@code GET /calls/:callId}: 200 with the call's state and participants. */
    void get(RoutingContext rc) {
        Replies.json(rc, getCall.getCall(callId(rc)), 200, OriginJson::call);
    }

    static CallConnectionId callId(RoutingContext rc) {
        return CallConnectionId.of(rc.pathParam("callId"));
    }
}
