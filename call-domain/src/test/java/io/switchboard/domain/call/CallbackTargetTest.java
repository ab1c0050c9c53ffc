package io.switchboard.domain.call;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallbackTargetTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://app.example.com/callbacks", "http://127.0.0.1:8080/cb", "HTTPS://app.example.com"})
    void acceptsAbsoluteHttpUris(String uri) {
        // when
        CallbackTarget target = new CallbackTarget(URI.create(uri), EventSchema.GA);

        // then
        assertThat(target.uri()).isEqualTo(URI.create(uri));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://app.example.com/cb", "/callbacks", "mailto:ops@example.com", "http:///callbacks",
            "https:callbacks"})
    void rejectsOtherUrisNamingTheField(String uri) {
        // when / then
        assertThatThrownBy(() -> new CallbackTarget(URI.create(uri), EventSchema.ORIGIN_2021))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("callbackUri: " + uri + " (expected: an absolute http or https URI)");
    }
}
