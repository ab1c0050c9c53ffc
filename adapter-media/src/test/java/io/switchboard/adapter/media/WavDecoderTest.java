package io.switchboard.adapter.media;

import io.switchboard.adapter.media.WavBuilder.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.switchboard.adapter.media.WavBuilder.sine;
import static io.switchboard.adapter.media.WavBuilder.wav;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WavDecoderTest {

    private static final double[] TONE = sine(1000, 8000, 800, 0.5);

    @ParameterizedTest(name = "{0} extensible={1}: within {2}")
    @CsvSource({
            "S16, false, 1", "S16, true, 1",
            "U8, false, 260", "U8, true, 260",
            "S24, false, 1", "S24, true, 1",
            "S32, false, 1", "S32, true, 1", "S24_IN_32, true, 1",
            "F32, false, 1", "F32, true, 1", "F64, false, 1",
            "ALAW, false, 560", "ALAW, true, 560",
            "ULAW, false, 560", "ULAW, true, 560"})
    void decodesEachSampleFormatToTheSineItHolds(Kind kind, boolean extensible, int tolerance) {
        // given
        WavBuilder builder = wav(kind, 8000);
        byte[] file = (extensible ? builder.extensible() : builder).build(TONE);

        // when
        PcmAudio audio = WavDecoder.decode(file);

        // then
        assertThat(audio.sampleRate()).isEqualTo(8000);
        assertThat(audio.samples()).hasSize(TONE.length);
        for (int i = 0; i < TONE.length; i++) {
            assertThat((double) audio.samples()[i]).as("sample %d", i)
                    .isCloseTo(TONE[i] * 32767, org.assertj.core.data.Offset.offset((double) tolerance));
        }
    }

    @Test
    void decodesSixteenBitSamplesExactly() {
        // given
        byte[] file = wav(Kind.S16, 8000).build(TONE);

        // when
        short[] clip = HttpMediaFetcher.decode("k", file).samples();

        // then
        for (int i = 0; i < TONE.length; i++) {
            assertThat(clip[i]).isEqualTo((short) Math.round(TONE[i] * 32767));
        }
    }

    @Test
    void averagesChannelsToMono() {
        // given
        double[] half = Arrays.stream(TONE).map(x -> x / 2).toArray();
        double[] silence = new double[TONE.length];
        byte[] stereo = wav(Kind.S16, 8000).build(TONE, half);
        byte[] sixChannels = wav(Kind.F32, 8000).extensible().build(TONE, TONE, TONE, silence, silence, silence);

        // when
        PcmAudio fromStereo = WavDecoder.decode(stereo);
        PcmAudio fromSix = WavDecoder.decode(sixChannels);

        // then
        for (int i = 0; i < TONE.length; i++) {
            assertThat((double) fromStereo.samples()[i]).isCloseTo(TONE[i] * 0.75 * 32767,
                    org.assertj.core.data.Offset.offset(1.0));
            assertThat((double) fromSix.samples()[i]).isCloseTo(TONE[i] * 0.5 * 32768,
                    org.assertj.core.data.Offset.offset(1.0));
        }
    }

    @Test
    void skipsListAndUnknownChunksIncludingOddSizedOnesWithTheirPadByte() {
        // given
        byte[] file = wav(Kind.S16, 8000)
                .chunkBeforeFmt("LIST", "INFOISFT\u0005\0\0\0Test\0".getBytes(StandardCharsets.ISO_8859_1))
                .chunkBeforeData("fact", new byte[]{1, 2, 3})
                .chunkBeforeData("junk", new byte[7])
                .build(TONE);

        // when
        PcmAudio audio = WavDecoder.decode(file);

        // then
        assertThat(audio.samples()).hasSize(TONE.length);
        assertThat(audio.samples()[2]).isEqualTo((float) Math.round(TONE[2] * 32767));
    }

    @Test
    void decodesWhatATruncatedDataChunkHolds() {
        // given: 800 frames written, 8000 declared, and a half frame at the end
        byte[] whole = wav(Kind.S16, 8000).declaredDataSize(16000).build(TONE);
        byte[] file = Arrays.copyOf(whole, whole.length - 1);

        // when
        PcmAudio audio = WavDecoder.decode(file);

        // then
        assertThat(audio.samples()).hasSize(TONE.length - 1);
    }

    @Test
    void rejectsADataChunkWithoutACompleteFrame() {
        // given
        byte[] file = wav(Kind.S16, 8000).build(new double[0], new double[0]);

        // when / then
        assertThatThrownBy(() -> WavDecoder.decode(file)).isInstanceOf(InvalidAudioException.class)
                .hasMessageContaining("holds no sample");
    }

    @Test
    void rejectsAWaveWithoutFmtChunk() {
        // given
        byte[] file = riff("WAVE", WavBuilder.chunk("data", new byte[16], -1));

        // when / then
        assertThatThrownBy(() -> WavDecoder.decode(file)).isInstanceOf(InvalidAudioException.class)
                .hasMessage("wav: fmt chunk missing (expected: RIFF/WAVE with fmt and data chunks)");
    }

    @Test
    void rejectsMp3InsideAWave() {
        // given
        byte[] fmt = WavBuilder.chunk("fmt ", new byte[]{0x55, 0, 1, 0, 0x40, 0x1F, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0}, -1);
        byte[] file = riff("WAVE", fmt);

        // when / then
        assertThatThrownBy(() -> WavDecoder.decode(file)).isInstanceOf(InvalidAudioException.class)
                .hasMessageContaining("0x0055 (MPEG Layer 3) not supported");
    }

    @Test
    void rejectsSampleRatesOutsideFourTo192Kilohertz() {
        // given
        byte[] file = wav(Kind.S16, 3000).build(TONE);

        // when / then
        assertThatThrownBy(() -> WavDecoder.decode(file)).isInstanceOf(InvalidAudioException.class)
                .hasMessage("wav: sample rate 3000 Hz (expected: 4000 to 192000 Hz)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "'ID3\u0004\0\0\0\0\0\0', MP3 audio",
            "'<!DOCTYPE html><html><body>Not found</body></html>', an HTML page",
            "'{\"error\":\"nope\"}', text (XML or JSON)",
            "'RIFF\0\0\0\0AVI LIST', RIFF of form 'AVI '",
            "'garbage!', data starting with 67 61 72 62"})
    void namesWhatWasFoundInsteadOfAWave(String body, String found) {
        // given
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);

        // when / then
        assertThatThrownBy(() -> WavDecoder.decode(bytes)).isInstanceOf(InvalidAudioException.class)
                .hasMessage("found " + found + " (" + WavDecoder.EXPECTED + ")");
    }

    private static byte[] riff(String form, byte[] chunk) {
        byte[] file = new byte[12 + chunk.length];
        byte[] head = ("RIFF\0\0\0\0" + form).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, file, 0, 12);
        System.arraycopy(chunk, 0, file, 12, chunk.length);
        return file;
    }
}
