package io.switchboard.domain.media;

import io.switchboard.domain.media.Speech.Pause;
import io.switchboard.domain.media.Speech.Words;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SpeechTest {

    private static Speech ssml(String body) {
        return Speech.parse("<speak version=\"1.0\" xmlns=\"http://www.w3.org/2001/10/synthesis\" xml:lang=\"en-US\">"
                + body + "</speak>");
    }

    @Test
    void aTextIsOneRunOfWordsInItsLocaleAndVoice() {
        Speech speech = Speech.of(new TextPlaySource("Hello, this is Switchboard.", Optional.of("en-US"),
                Optional.of("female"), Optional.of("en-US-NancyNeural"), Optional.empty()));

        assertThat(speech.parts()).containsExactly(new Words("Hello, this is Switchboard.", 1, 1, 1));
        assertThat(speech.locale()).contains("en-US");
        assertThat(speech.voiceName()).contains("en-US-NancyNeural");
    }

    @Test
    void readsVoiceParagraphsAndBreaks() {
        Speech speech = ssml("<voice name=\"en-US-JennyNeural\"><p>Power is out.</p>"
                + "<s>Press one<break time=\"1.5s\"/>to confirm.</s><break strength=\"weak\"/></voice>");

        assertThat(speech.locale()).contains("en-US");
        assertThat(speech.voiceName()).contains("en-US-JennyNeural");
        assertThat(speech.parts()).containsExactly(new Words("Power is out.", 1, 1, 1),
                new Pause(Duration.ofMillis(300)), new Words("Press one", 1, 1, 1),
                new Pause(Duration.ofMillis(1500)), new Words("to confirm.", 1, 1, 1),
                new Pause(Duration.ofMillis(250)));
    }

    @Test
    void readsProsodyAsFactorsOfTheVoice() {
        Speech speech = ssml("<prosody rate=\"slow\" pitch=\"+10%\" volume=\"loud\">Slowly<prosody rate=\"+20%\">"
                + " then faster</prosody></prosody>");

        assertThat(speech.parts()).hasSize(2);
        Words slowly = (Words) speech.parts().get(0);
        Words faster = (Words) speech.parts().get(1);
        assertThat(List.of(slowly.text(), faster.text())).containsExactly("Slowly", "then faster");
        assertThat(new double[] {slowly.rate(), slowly.pitch(), slowly.volume(), faster.rate(), faster.pitch()})
                .containsExactly(new double[] {0.75, 1.1, 1.4, 0.9, 1.1}, within(1e-9));
    }

    @Test
    void spellsOutDigitsCharactersAndTelephoneNumbers() {
        Speech speech = ssml("Code <say-as interpret-as=\"digits\">4711</say-as>, call "
                + "<say-as interpret-as=\"telephone\">555-0100</say-as>, "
                + "<say-as interpret-as=\"cardinal\">42</say-as>");

        assertThat(speech.text()).isEqualTo("Code 4 7 1 1 , call 5 5 5, 0 1 0 0 , 42");
        assertThat(ssml("<say-as interpret-as=\"characters\">AB-1</say-as>").text()).isEqualTo("A B, 1");
    }

    @Test
    void readsUnknownElementsAsTheirTextAndAudioAsItsFile() {
        Speech speech = ssml("<mstts:express-as xmlns:mstts=\"http://www.w3.org/2001/mstts\" style=\"cheerful\">Hi"
                + "</mstts:express-as> <audio src=\"https://example.com/a.wav\">a chime</audio> bye");

        assertThat(speech.text()).isEqualTo("Hi bye");
        assertThat(speech.parts()).containsExactly(new Words("Hi", 1, 1, 1),
                new Speech.Audio(URI.create("https://example.com/a.wav")), new Words("bye", 1, 1, 1));
        assertThatThrownBy(() -> ssml("<audio src=\"file:///etc/passwd\"/>"))
                .hasMessage("ssmlText: <audio src=\"file:///etc/passwd\"> (expected: an http or https URL of a WAV "
                        + "file)");
    }

    @Test
    void capsABreakAtFiveSeconds() {
        assertThat(ssml("<break time=\"9000ms\"/>").parts()).containsExactly(new Pause(Duration.ofSeconds(5)));
    }

    @Test
    void refusesWhatItCannotReadNamingTheField() {
        assertThatThrownBy(() -> Speech.parse("<speak>unclosed")).hasMessageStartingWith("ssmlText: not well-formed");
        assertThatThrownBy(() -> Speech.parse("<say>hi</say>")).hasMessage("ssmlText: root <say> (expected: <speak>)");
        assertThatThrownBy(() -> ssml("<break time=\"soon\"/>")).hasMessageContaining("ssmlText: <break time=\"soon\">");
        assertThatThrownBy(() -> ssml("<prosody rate=\"warp\">x</prosody>"))
                .hasMessageContaining("ssmlText: <prosody rate=\"warp\">");
        assertThatThrownBy(() -> Speech.parse("<!DOCTYPE speak [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<speak>&x;</speak>")).hasMessageStartingWith("ssmlText: not well-formed");
    }

    @Test
    void sourcesRefuseEmptyOverlongOrOddValues() {
        assertThatThrownBy(() -> new TextPlaySource(" ", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty())).hasMessageStartingWith("text: 1 characters (expected: 1 to 4000");
        assertThatThrownBy(() -> new TextPlaySource("x".repeat(4001), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty())).hasMessageStartingWith("text: 4001 characters");
        assertThatThrownBy(() -> new TextPlaySource("hi", Optional.of("english!"), Optional.empty(),
                Optional.empty(), Optional.empty())).hasMessageStartingWith("sourceLocale: english!");
        assertThatThrownBy(() -> new TextPlaySource("hi", Optional.empty(), Optional.of("robot"),
                Optional.empty(), Optional.empty())).hasMessageStartingWith("voiceKind: robot");
        assertThatThrownBy(() -> new SsmlPlaySource("<speak>", Optional.empty()))
                .hasMessageStartingWith("ssmlText: not well-formed");
    }

    @Test
    void cachesByTheApplicationsIdElseByWhatIsSaidAndHow() {
        TextPlaySource nancy = new TextPlaySource("Hi", Optional.of("en-US"), Optional.empty(),
                Optional.of("en-US-NancyNeural"), Optional.empty());
        TextPlaySource jenny = new TextPlaySource("Hi", Optional.of("en-US"), Optional.empty(),
                Optional.of("en-US-JennyNeural"), Optional.empty());

        assertThat(nancy.cacheKey()).isNotEqualTo(jenny.cacheKey());
        assertThat(new SsmlPlaySource("<speak>Hi</speak>", Optional.of("greeting")).cacheKey()).isEqualTo("id:greeting");
        assertThat(List.of(nancy.cacheKey(), jenny.cacheKey())).allMatch(key -> key.startsWith("text:"));
    }
}
