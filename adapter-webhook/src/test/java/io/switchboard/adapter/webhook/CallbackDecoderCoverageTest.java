package io.switchboard.adapter.webhook;

import io.switchboard.client.CallbackDecoder;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.event.CallEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Java 17 has no exhaustive switch over sealed types: this checks that every permitted {@link CallEvent} type comes
 * back as an event of its own type, in the GA schema always and in the origin schema wherever the origin sends it.
 */
class CallbackDecoderCoverageTest {

    @ParameterizedTest
    @EnumSource(EventSchema.class)
    void decodesEveryEventTheSchemaSendsIntoItsOwnType(EventSchema schema) {
        CloudEventSerializer serializer = new CloudEventSerializer("2025-05-15");
        List<CallEvent> examples = CallEventFixtures.oneOfEach();
        for (Class<?> type : CallEvent.class.getPermittedSubclasses()) {
            // given
            CallEvent event = examples.stream().filter(type::isInstance).findFirst()
                    .orElseThrow(() -> new AssertionError("CallEventFixtures.oneOfEach() lacks a " + type));
            Optional<byte[]> body = serializer.serialize(schema, event, "evt-1", Instant.EPOCH);
            if (schema == EventSchema.GA) {
                assertThat(body).as("GA sends " + type.getSimpleName()).isPresent();
            } else if (body.isEmpty()) {
                continue; // the origin schema does not send it
            }
            Object json = Json.decodeValue(Buffer.buffer(body.get()));
            JsonObject cloudEvent = json instanceof JsonArray array ? array.getJsonObject(0) : (JsonObject) json;

            // when
            Optional<List<CallEvent>> decoded = CallbackDecoder.create()
                    .decode(cloudEvent.getString("type"), cloudEvent);

            // then
            assertThat(decoded).as(schema + " " + type.getSimpleName()).hasValueSatisfying(events ->
                    assertThat(events).singleElement().isInstanceOf(type));
        }
    }
}
