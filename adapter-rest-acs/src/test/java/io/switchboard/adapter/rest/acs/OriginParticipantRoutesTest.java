package io.switchboard.adapter.rest.acs;

import io.switchboard.application.fakes.TestCore;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.ParticipantState;
import io.switchboard.domain.participant.PhoneNumberIdentifier;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.switchboard.adapter.rest.acs.TestRequest.delete;
import static io.switchboard.adapter.rest.acs.TestRequest.post;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class OriginParticipantRoutesTest {

    private static final String INVITE = """
            {"participants": [{"communicationUser": {"id": "8:acs:resource_guid"}}], "operationContext": "inv-1",
             "alternateCallerId": {"phoneNumber": {"value": "+18005550199"}}, "callbackUri": "https://x/cb",
             "ringTimeoutInSeconds": 20}""";

    private final TestCore core = new TestCore();
    private ApiHarness api;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        api = ApiHarness.start(vertx, core.useCases());
    }

    @Test
    void invitesParticipantsAndAnswers202WithNoBody() throws Exception {
        // given
        Call call = OriginCalls.connected(core);

        // when
        ApiHarness.Reply reply = api.send(post("/calls/" + call.id() + "/participants", INVITE));

        // then
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.body()).isEmpty();
        assertThat(core.telephony.dialled()).hasSize(2).last().satisfies(d -> {
            assertThat(d.target()).isEqualTo(new CommunicationUserIdentifier("8:acs:resource_guid"));
            assertThat(d.callerId()).contains(new PhoneNumberIdentifier("+18005550199"));
            assertThat(d.ringTimeout()).isEqualTo(Duration.ofSeconds(20));
        });
    }

    @Test
    void refusesToInviteIntoACallThatIsStillConnecting() throws Exception {
        // given
        Call call = OriginCalls.connecting(core);

        // when
        ApiHarness.Reply reply = api.send(post("/calls/" + call.id() + "/participants", INVITE));

        // then
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("code").asText()).isEqualTo("8501");
    }

    @Test
    void refusesAnInviteWithoutParticipantsOrWithANullOne() throws Exception {
        // given
        Call call = OriginCalls.connected(core);

        // when
        ApiHarness.Reply missing = api.send(post("/calls/" + call.id() + "/participants", "{}"));
        ApiHarness.Reply nullOne = api.send(post("/calls/" + call.id() + "/participants", "{\"participants\":[null]}"));

        // then
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("message").asText())
                .isEqualTo("participants: missing (expected: a non-empty array)");
        assertThat(nullOne.status()).isEqualTo(400);
        assertThat(nullOne.json().get("message").asText()).startsWith("participants[0]: null (expected: an identifier");
    }

    @Test
    void removesAParticipantByTheIdTheServerGaveIt() throws Exception {
        // given
        Call call = OriginCalls.connected(core);
        String participantId = call.participants().get(0).id().value();

        // when
        ApiHarness.Reply reply = api.send(delete("/calls/" + call.id() + "/participants/" + participantId));

        // then
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.body()).isEmpty();
        assertThat(core.registry.find(call.id()).orElseThrow().participants().get(0).state())
                .isEqualTo(ParticipantState.REMOVING);
        assertThat(core.telephony.hungUp()).containsExactly(call.participants().get(0).leg());
    }

    @Test
    void removesAParticipantByItsPercentEncodedRawId() throws Exception {
        // given
        Call call = OriginCalls.connected(core);

        // when
        ApiHarness.Reply reply = api.send(delete("/calls/" + call.id() + "/participants/4%3A%2B14251001000"));

        // then
        assertThat(reply.status()).isEqualTo(202);
        assertThat(core.telephony.hungUp()).containsExactly(call.participants().get(0).leg());
    }

    @Test
    void answers404ForAnUnknownParticipantOrCall() throws Exception {
        // given
        Call call = OriginCalls.connected(core);

        // when
        ApiHarness.Reply participant = api.send(delete("/calls/" + call.id() + "/participants/nobody"));
        ApiHarness.Reply callGone = api.send(delete("/calls/nope/participants/nobody"));
        ApiHarness.Reply invite = api.send(post("/calls/nope/participants", INVITE));

        // then
        assertThat(participant.status()).isEqualTo(404);
        assertThat(participant.json().get("code").asText()).isEqualTo("8522");
        assertThat(participant.json().get("message").asText()).isEqualTo("Participant nobody is not in call id-1.");
        assertThat(callGone.status()).isEqualTo(404);
        assertThat(invite.status()).isEqualTo(404);
    }
}
