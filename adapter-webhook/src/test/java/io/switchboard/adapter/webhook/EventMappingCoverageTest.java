package io.switchboard.adapter.webhook;

import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.event.CallEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Java 17 cannot switch exhaustively over sealed types, so this test is the compiler's stand-in. */
class EventMappingCoverageTest {

    private final CloudEventSerializer serializer = new CloudEventSerializer("2025-05-15");

    @ParameterizedTest
    @EnumSource(EventSchema.class)
    void mapsEveryPermittedEventTypeToAValueOrAnExplicitNotSent(EventSchema schema) {
        // given
        Class<?>[] eventTypes = CallEvent.class.getPermittedSubclasses();

        // when
        EventMappings mappings = serializer.mappings(schema);

        // then
        assertThat(eventTypes).isNotEmpty()
                .allSatisfy(type -> assertThat(mappings.covers(type)).as(type.getSimpleName()).isTrue());
    }

    @ParameterizedTest
    @EnumSource(EventSchema.class)
    void serialisesAnExampleOfEveryEventTypeWithoutError(EventSchema schema) {
        // given
        var examples = CallEventFixtures.oneOfEach();

        // when / then
        assertThat(examples.stream().map(Object::getClass).toList())
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(CallEvent.class.getPermittedSubclasses()));
        examples.forEach(event -> assertThatCode(() -> serializer.serialize(schema, event, "id", Instant.EPOCH))
                .as(event.getClass().getSimpleName()).doesNotThrowAnyException());
    }
}
