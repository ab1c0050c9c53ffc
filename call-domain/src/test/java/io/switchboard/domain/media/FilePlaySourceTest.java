package io.switchboard.domain.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilePlaySourceTest {

    private static final URI PROMPT = URI.create("https://media.example.com/prompt.wav");

    @Test
    void isCachedUnderTheApplicationsCacheIdWhenGiven() {
        // given
        FilePlaySource source = new FilePlaySource(PROMPT, Optional.of("welcome-v2"));

        // when / then
        assertThat(source.cacheKey()).isEqualTo("id:welcome-v2");
    }

    @Test
    void isCachedUnderItsUriWithoutACacheId() {
        // given
        FilePlaySource source = new FilePlaySource(PROMPT, Optional.empty());

        // when / then
        assertThat(source.cacheKey()).isEqualTo("uri:https://media.example.com/prompt.wav");
    }

    @Test
    void isCachedUnderItsUriWhenTheCacheIdIsBlank() {
        // given
        FilePlaySource source = new FilePlaySource(PROMPT, Optional.of("  "));

        // when / then
        assertThat(source.cacheKey()).isEqualTo("uri:https://media.example.com/prompt.wav");
    }

    @Test
    void keepsACacheIdFromLookingLikeAUri() {
        // given: an application whose cache id happens to be a URI must not share the URI's cache entry
        FilePlaySource byId = new FilePlaySource(URI.create("https://media.example.com/other.wav"),
                Optional.of("https://media.example.com/prompt.wav"));
        FilePlaySource byUri = new FilePlaySource(PROMPT, Optional.empty());

        // when / then
        assertThat(byId.cacheKey()).isNotEqualTo(byUri.cacheKey());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://media.example.com/prompt.wav", "file:///tmp/prompt.wav", "prompt.wav",
            "https:///prompt.wav"})
    void rejectsUrisThatAreNotAbsoluteHttpNamingTheField(String uri) {
        // when / then
        assertThatThrownBy(() -> new FilePlaySource(URI.create(uri), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("audioFileUri: " + uri + " (expected: an absolute http or https URI)");
    }
}
