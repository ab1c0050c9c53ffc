package io.switchboard.adapter.rest.acs;

import io.switchboard.application.port.in.CallUseCases;
import io.switchboard.application.port.in.TransferCallCommand;
import io.switchboard.domain.call.CallConnectionId;
import io.vertx.ext.web.RoutingContext;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** {@code /calling/callConnections}: create, read, hang up, terminate, transfer (GA API). */
final class GaCallHandler {

    private final CallUseCases useCases;

    GaCallHandler(CallUseCases useCases) {
        this.useCases = useCases;
    }

    /** 201 CallConnectionProperties, state connecting. */
    void create(RoutingContext rc) {
        GaReplies.json(rc, useCases.createCall().createCall(GaRequests.createCall(JsonRequest.object(rc))), 201,
                GaJson::callConnection);
    }

    /** 200 CallConnectionProperties. */
    void get(RoutingContext rc) {
        CallConnectionId id = callId(rc);
        GaReplies.json(rc, useCases.getCall().getCall(id), 200, call -> GaJson.callConnection(call, id));
    }

    /**
     * {@code callConnections:connect}: 200 CallConnectionProperties of the new connection (its own id and callback);
     * CallConnected follows at its callback.
     */
    void connect(RoutingContext rc) {
        GaReplies.json(rc, useCases.callControl().connect().connect(GaRequests.connect(JsonRequest.object(rc))), 200,
                connected -> GaJson.callConnection(connected.call(), connected.connection()));
    }

    /**
     * {@code DELETE}: the application leaves. As in ACS, two or more connected participants stay connected to each
     * other (the application gets its CallDisconnected); with fewer the call ends for everyone. 204.
     */
    void hangUp(RoutingContext rc) {
        GaReplies.empty(rc, useCases.hangUp().leave(callId(rc)), 204);
    }

    /** Ends the call for everyone: 204. */
    void terminate(RoutingContext rc) {
        GaReplies.empty(rc, useCases.hangUp().hangUp(callId(rc)), 204);
    }

    /** 202 {@code {operationContext}}; CallTransferAccepted or CallTransferFailed follows. */
    void transfer(RoutingContext rc) {
        TransferCallCommand command = GaRequests.transfer(callId(rc), JsonRequest.object(rc));
        GaReplies.json(rc, useCases.callControl().transfer().transfer(command), 202,
                ignored -> GaJson.operation(command.operationContext()));
    }

    /** The call id of the path, percent-decoded ({@code +} kept as is: it is not a space in a path). */
    static CallConnectionId callId(RoutingContext rc) {
        return CallConnectionId.of(decoded(rc.pathParam("callConnectionId")));
    }

    static String decoded(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
