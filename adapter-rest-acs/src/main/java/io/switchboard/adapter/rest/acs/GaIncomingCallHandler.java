package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.application.port.in.IncomingCallUseCase;
import io.vertx.ext.web.RoutingContext;

/** {@code /calling/callConnections:answer}, {@code :reject}, {@code :redirect}: calls ringing here (GA API). */
final class GaIncomingCallHandler {

    private final IncomingCallUseCase useCases;

    GaIncomingCallHandler(IncomingCallUseCase useCases) {
        this.useCases = useCases;
    }

    /** 200 CallConnectionProperties, state connecting; CallConnected follows once the media flows. */
    void answer(RoutingContext rc) {
        GaReplies.json(rc, useCases.answer(GaRequests.answer(JsonRequest.object(rc))), 200, GaJson::callConnection);
    }

    /** 204. */
    void reject(RoutingContext rc) {
        ObjectNode body = JsonRequest.object(rc);
        GaReplies.empty(rc, useCases.reject(JsonRequest.text(body, "incomingCallContext", ""),
                GaRequests.rejectReason(body)), 204);
    }

    /** 204. */
    void redirect(RoutingContext rc) {
        ObjectNode body = JsonRequest.object(rc);
        GaReplies.empty(rc, useCases.redirect(JsonRequest.text(body, "incomingCallContext", ""),
                GaRequests.identifier(body, "target")), 204);
    }
}
