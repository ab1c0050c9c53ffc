package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.application.fakes.TestCore;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.event.CancelAddParticipantSucceeded;
import io.switchboard.domain.event.MoveParticipantSucceeded;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantState;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static io.switchboard.adapter.rest.acs.GaCalls.path;
import static io.switchboard.adapter.rest.acs.TestRequest.get;
import static io.switchboard.adapter.rest.acs.TestRequest.post;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class GaParticipantRoutesTest {

    private static final String CAROL = "{\"participantToAdd\":{\"kind\":\"communicationUser\","
            + "\"communicationUser\":{\"id\":\"8:acs:sandbox_carol\"}},\"operationContext\":\"add-ctx\","
            + "\"invitationTimeoutInSeconds\":30,\"operationCallbackUri\":\"https://app.example.com/ops\"}";

    private final TestCore core = new TestCore();
    private ApiHarness api;
    private Call call;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        api = ApiHarness.start(vertx, core.useCases());
        call = GaCalls.connected(api, core);
    }

    @Test
    void listsTheConnectedParticipantsAsValue() throws Exception {
        // when
        ApiHarness.Reply reply = api.send(get(path(call.id(), "/participants")));

        // then
        assertThat(reply.status()).isEqualTo(200);
        JsonNode value = reply.json().get("value");
        assertThat(value).hasSize(2);
        assertThat(value.get(0).toString()).isEqualTo("{\"identifier\":{\"rawId\":\"4:+15550100001\","
                + "\"kind\":\"phoneNumber\",\"phoneNumber\":{\"value\":\"+15550100001\"}},"
                + "\"isMuted\":false,\"isOnHold\":false}");
    }

    @Test
    void readsAParticipantByItsPercentEncodedRawIdWithOrWithoutThePlus() throws Exception {
        // when
        ApiHarness.Reply plus = api.send(get(path(call.id(), "/participants/4%3A%2B15550100002")));
        ApiHarness.Reply bare = api.send(get(path(call.id(), "/participants/4%3A15550100002")));
        ApiHarness.Reply unknown = api.send(get(path(call.id(), "/participants/4%3A%2B15550109999")));

        // then
        assertThat(plus.status()).isEqualTo(200);
        assertThat(plus.json().at("/identifier/rawId").asText()).isEqualTo("4:+15550100002");
        assertThat(bare.status()).isEqualTo(200);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().at("/error/code").asText()).isEqualTo("8522");
    }

    @Test
    void addsAParticipantWith202AndItsInvitationIdThenCancelsTheInvitation() throws Exception {
        // when
        ApiHarness.Reply added = api.send(post(path(call.id(), "/participants:add"), CAROL));
        String invitationId = added.json().get("invitationId").asText();
        ApiHarness.Reply canceled = api.send(post(path(call.id(), "/participants:cancelAddParticipant"),
                "{\"invitationId\":\"" + invitationId + "\",\"operationContext\":\"cancel-ctx\"}"));
        Participant carol = core.call(call.id()).participant("8:acs:sandbox_carol").orElseThrow();
        core.telephonyEvents().legEnded(carol.leg(), ResultInformation.canceled(""));

        // then
        assertThat(added.status()).isEqualTo(202);
        assertThat(added.json().get("operationContext").asText()).isEqualTo("add-ctx");
        assertThat(added.json().at("/participant/identifier/kind").asText()).isEqualTo("communicationUser");
        assertThat(core.telephony.dialled()).singleElement()
                .satisfies(d -> assertThat(d.ringTimeout().toSeconds()).isEqualTo(30));
        assertThat(canceled.status()).isEqualTo(202);
        assertThat(canceled.json().toString()).isEqualTo("{\"operationContext\":\"cancel-ctx\",\"invitationId\":\""
                + invitationId + "\"}");
        assertThat(carol.state()).isEqualTo(ParticipantState.CANCELING);
        assertThat(core.events.events(CancelAddParticipantSucceeded.class)).hasSize(1);
    }

    @Test
    void removesAndMutesAParticipantNamedWithoutKind() throws Exception {
        // when
        ApiHarness.Reply muted = api.send(post(path(call.id(), "/participants:mute"),
                "{\"targetParticipants\":[{\"rawId\":\"4:+15550100001\"}],\"operationContext\":\"m\"}"));
        ApiHarness.Reply removed = api.send(post(path(call.id(), "/participants:remove"),
                "{\"participantToRemove\":{\"phoneNumber\":{\"value\":\"+15550100002\"}},\"operationContext\":\"r\"}")
                .header("Repeatability-Request-ID", "c4f8d2a0-7d5e-4f4a-8a51-3b8f2e0f9d22"));
        ApiHarness.Reply repeated = api.send(post(path(call.id(), "/participants:remove"),
                "{\"participantToRemove\":{\"phoneNumber\":{\"value\":\"+15550100002\"}},\"operationContext\":\"r\"}")
                .header("Repeatability-Request-ID", "c4f8d2a0-7d5e-4f4a-8a51-3b8f2e0f9d22"));

        // then
        assertThat(muted.status()).isEqualTo(200);
        assertThat(muted.json().get("operationContext").asText()).isEqualTo("m");
        assertThat(core.call(call.id()).participant("4:+15550100001").orElseThrow().muted()).isTrue();
        assertThat(removed.status()).isEqualTo(202);
        assertThat(removed.json().toString()).isEqualTo("{\"operationContext\":\"r\"}");
        assertThat(repeated.body()).isEqualTo(removed.body());
        assertThat(core.telephony.hungUp()).hasSize(1);
    }

    @Test
    void refusesToRemoveSomeoneNotInTheCallWith404() throws Exception {
        // when
        ApiHarness.Reply reply = api.send(post(path(call.id(), "/participants:remove"),
                "{\"participantToRemove\":{\"rawId\":\"4:+15550109999\"}}"));

        // then
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().at("/error/code").asText()).isEqualTo("8522");
    }

    @Test
    void movesAParticipantOfAnotherCallHereWith202AndTheParticipantsAfter() throws Exception {
        // given
        Call lobby = GaCalls.connected(api, core);

        // when
        ApiHarness.Reply moved = api.send(post(path(call.id(), "/participants:moveHere"),
                "{\"targetParticipants\":[{\"rawId\":\"4:+15550100002\"}],\"fromCall\":\"" + lobby.id()
                        + "\",\"operationContext\":\"move-ctx\"}"));

        // then
        assertThat(moved.status()).isEqualTo(202);
        assertThat(moved.json().get("operationContext").asText()).isEqualTo("move-ctx");
        assertThat(moved.json().get("fromCall").asText()).isEqualTo(lobby.id().value());
        assertThat(moved.json().get("participants")).hasSize(3);
        assertThat(core.call(lobby.id()).connectedParticipants()).hasSize(1);
        assertThat(core.events.events(MoveParticipantSucceeded.class)).singleElement()
                .satisfies(e -> assertThat(e.fromCall()).isEqualTo(lobby.id()));
    }

    @Test
    void refusesAMoveWithoutItsCallOrFromItselfNamingTheField() throws Exception {
        // when
        ApiHarness.Reply noFrom = api.send(post(path(call.id(), "/participants:moveHere"),
                "{\"targetParticipants\":[{\"rawId\":\"4:+15550100002\"}]}"));
        ApiHarness.Reply itself = api.send(post(path(call.id(), "/participants:moveHere"),
                "{\"targetParticipants\":[{\"rawId\":\"4:+15550100002\"}],\"fromCall\":\"" + call.id() + "\"}"));
        ApiHarness.Reply nobody = api.send(post(path(call.id(), "/participants:moveHere"),
                "{\"targetParticipants\":[],\"fromCall\":\"other\"}"));
        ApiHarness.Reply unknown = api.send(post(path(call.id(), "/participants:moveHere"),
                "{\"targetParticipants\":[{\"rawId\":\"4:+15550100002\"}],\"fromCall\":\"no-such-call\"}"));

        // then
        assertThat(noFrom.status()).isEqualTo(400);
        assertThat(noFrom.json().at("/error/message").asText()).startsWith("fromCall: missing");
        assertThat(itself.status()).isEqualTo(400);
        assertThat(itself.json().at("/error/message").asText()).startsWith("fromCall: " + call.id());
        assertThat(nobody.status()).isEqualTo(400);
        assertThat(nobody.json().at("/error/message").asText()).startsWith("targetParticipants");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().at("/error/code").asText()).isEqualTo("8522");
    }
}
