package io.switchboard.adapter.rest.acs;

import io.switchboard.application.fakes.CallFixtures;
import io.switchboard.application.fakes.TestCore;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.connection.Call;

/** Calls set up directly through the core (synchronous in {@link TestCore}), for the routes to act on. */
final class OriginCalls {

    static final String CREATE_BODY = """
            {"source": {"communicationUser": {"id": "8:acs:resource_00000000-0000-0000-0000-000000000001"}},
             "targets": [{"phoneNumber": {"value": "+14251001000"}}],
             "alternateCallerId": {"phoneNumber": {"value": "+18005550100"}},
             "subject": "Outage at site 4",
             "callbackUri": "https://app.example.com/callbacks",
             "requestedModalities": ["audio"],
             "requestedCallEvents": ["participantsUpdated", "DtmfReceived"]}""";

    private OriginCalls() {
    }

    static Call connecting(TestCore core) throws Exception {
        return core.useCases().createCall().createCall(CallFixtures.aCallTo("+14251001000"))
                .toCompletableFuture().get();
    }

    static Call connected(TestCore core) throws Exception {
        Call call = connecting(core);
        LegId leg = call.participants().get(0).leg();
        core.telephonyEvents().legAnswered(leg);
        return core.useCases().getCall().getCall(call.id()).toCompletableFuture().get();
    }
}
