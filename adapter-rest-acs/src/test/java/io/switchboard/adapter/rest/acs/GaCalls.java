package io.switchboard.adapter.rest.acs;

import io.switchboard.application.fakes.TestCore;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.connection.Call;

import static io.switchboard.adapter.rest.acs.TestRequest.post;
import static org.assertj.core.api.Assertions.assertThat;

/** GA calls created through the GA route, connected through the core (synchronous in {@link TestCore}). */
final class GaCalls {

    static final String VERSION = "?api-version=2026-03-12";
    static final String ALICE = "+15550100001";
    static final String BOB = "+15550100002";
    static final String CREATE_BODY = """
            {"targets": [{"kind": "phoneNumber", "rawId": "4:+15550100001", "phoneNumber": {"value": "+15550100001"}},
                         {"rawId": "4:15550100002"}],
             "callbackUri": "https://app.example.com/callbacks",
             "sourceCallerIdNumber": {"value": "+18005550100"},
             "source": {"id": "8:acs:resource_00000000-0000-0000-0000-000000000001"},
             "operationContext": "create-ctx", "callIntelligenceOptions": {}}""";

    private GaCalls() {
    }

    static String path(CallConnectionId id, String rest) {
        return "/calling/callConnections/" + id + rest + VERSION;
    }

    /** Created over the route, every target answered, events and telephony requests forgotten. */
    static Call connected(ApiHarness api, TestCore core) throws Exception {
        ApiHarness.Reply reply = api.send(post("/calling/callConnections" + VERSION, CREATE_BODY));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        Call call = core.call(CallConnectionId.of(reply.json().get("callConnectionId").asText()));
        call.participants().forEach(p -> core.telephonyEvents().legAnswered(p.leg()));
        core.events.clear();
        core.telephony.clear();
        return core.call(call.id());
    }
}
