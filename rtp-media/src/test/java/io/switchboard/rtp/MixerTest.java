package io.switchboard.rtp;

import io.switchboard.domain.media.MediaOperationId;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class MixerTest {

    private final Mixer mixer = new Mixer();

    private static int[] constant(int level) {
        int[] frame = new int[160];
        Arrays.fill(frame, level);
        return frame;
    }

    private static short pcmu(byte[] encoded, int i) {
        return MuLaw.decode(encoded[i]);
    }

    /** A member whose jitter buffer plays out a frame of {@code level} in {@code codec} on the next poll. */
    private static MixLeg memberSending(int level, Codec codec) {
        MixLeg leg = new MixLeg();
        ByteBuffer packet = ByteBuffer.allocate(160);
        byte code = codec == Codec.PCMU ? MuLaw.encode((short) level) : ALaw.encode((short) level);
        for (int i = 0; i < 160; i++) {
            packet.put(i, code);
        }
        leg.jitter().offer(1, packet, 0, 160, codec);
        leg.jitter().offer(2, packet, 0, 160, codec);
        return leg;
    }

    /** What {@code leg} hears, decoded from the 160 bytes it would send in {@code codec}. */
    private short heard(MixLeg leg, Codec codec) {
        ByteBuffer tx = ByteBuffer.allocate(160);
        leg.writeMixed(tx, codec, new Playback(), mixer, null);
        byte first = tx.get(0);
        return codec == Codec.PCMU ? MuLaw.decode(first) : ALaw.decode(first);
    }

    @Test
    void sumsEveryContributionAndLeavesOutTheListenersOwn() {
        // given
        mixer.clear();
        mixer.add(constant(1000));
        mixer.add(constant(2000));
        mixer.add(constant(-500));

        // when
        byte[] heardByFirst = mixer.render(constant(1000), Mixer.SILENCE, Codec.PCMU).clone();
        byte[] heardByOutsider = mixer.render(Mixer.SILENCE, Mixer.SILENCE, Codec.PCMU).clone();

        // then
        assertThat(mixer.total(0)).isEqualTo(2500);
        assertThat(heardByFirst).containsOnly(MuLaw.encode((short) 1500));
        assertThat(heardByOutsider).containsOnly(MuLaw.encode((short) 2500));
    }

    @Test
    void saturatesInsteadOfWrappingAround() {
        // given: 21 loud members, more than 16 bits can hold
        mixer.clear();
        for (int i = 0; i < 21; i++) {
            mixer.add(constant(i % 2 == 0 ? 30000 : 20000));
        }
        mixer.add(constant(-32768));

        // when
        byte[] loud = mixer.render(Mixer.SILENCE, Mixer.SILENCE, Codec.PCMU).clone();
        mixer.clear();
        mixer.add(constant(-30000));
        mixer.add(constant(-30000));
        byte[] quietSide = mixer.render(Mixer.SILENCE, Mixer.SILENCE, Codec.PCMA).clone();

        // then
        assertThat(mixer.total(0)).isEqualTo(-60000);
        assertThat(pcmu(loud, 0)).isEqualTo(MuLaw.decode(MuLaw.encode(Short.MAX_VALUE)));
        assertThat(ALaw.decode(quietSide[0])).isEqualTo(ALaw.decode(ALaw.encode(Short.MIN_VALUE)));
        assertThat(Mixer.saturate(40000)).isEqualTo(Short.MAX_VALUE);
        assertThat(Mixer.saturate(-40000)).isEqualTo(Short.MIN_VALUE);
        assertThat(Mixer.saturate(-1234)).isEqualTo((short) -1234);
    }

    @Test
    void mixesAPcmuMemberWithAPcmaMemberEachHearingTheOtherInItsOwnCodec() {
        // given
        MixLeg mu = memberSending(4000, Codec.PCMU);
        MixLeg a = memberSending(-2000, Codec.PCMA);
        mixer.clear();

        // when
        mu.contribute(mixer, false);
        a.contribute(mixer, false);

        // then: each hears the other (one G.711 step of re-quantisation at most), never itself
        short muDecoded = MuLaw.decode(MuLaw.encode((short) 4000));
        short aDecoded = ALaw.decode(ALaw.encode((short) -2000));
        assertThat(mixer.total(0)).isEqualTo(muDecoded + aDecoded);
        assertThat(heard(mu, Codec.PCMU)).isEqualTo(MuLaw.decode(MuLaw.encode(aDecoded)));
        assertThat(heard(a, Codec.PCMA)).isEqualTo(ALaw.decode(ALaw.encode(muDecoded)));
        assertThat((int) heard(mu, Codec.PCMU)).isCloseTo(-2000, org.assertj.core.data.Offset.offset(64));
        assertThat((int) heard(a, Codec.PCMA)).isCloseTo(4000, org.assertj.core.data.Offset.offset(128));
    }

    @Test
    void leavesAMutedMemberOutOfTheMixButLetsItHearTheOthers() {
        // given
        MixLeg talker = memberSending(3000, Codec.PCMU);
        MixLeg muted = memberSending(8000, Codec.PCMU);
        MixLeg listener = memberSending(0, Codec.PCMU);
        mixer.clear();

        // when
        talker.contribute(mixer, false);
        muted.contribute(mixer, true);
        listener.contribute(mixer, false);

        // then
        short talkerDecoded = MuLaw.decode(MuLaw.encode((short) 3000));
        assertThat(mixer.total(0)).isEqualTo(talkerDecoded);
        assertThat(heard(listener, Codec.PCMU)).isEqualTo(talkerDecoded);
        assertThat(heard(muted, Codec.PCMU)).isEqualTo(talkerDecoded);
        assertThat(heard(talker, Codec.PCMU)).isEqualTo(MuLaw.decode(MuLaw.SILENCE));
    }

    @Test
    void mixesAMembersOwnPromptOverWhatItHears() {
        // given
        MixLeg member = memberSending(1000, Codec.PCMU);
        MixLeg other = memberSending(2000, Codec.PCMU);
        Playback ownPrompt = new Playback();
        short[] clip = new short[160];
        Arrays.fill(clip, (short) 500);
        ownPrompt.replace(MediaOperationId.of("own"), new io.switchboard.domain.media.AudioClip("c500", clip), null, null,
                false);
        mixer.clear();
        member.contribute(mixer, false);
        other.contribute(mixer, false);

        // when
        ByteBuffer tx = ByteBuffer.allocate(160);
        MediaOperationId finished = member.writeMixed(tx, Codec.PCMU, ownPrompt, mixer, null);
        short heardByOther = heard(other, Codec.PCMU);

        // then
        short otherDecoded = MuLaw.decode(MuLaw.encode((short) 2000));
        assertThat(MuLaw.decode(tx.get(0))).isEqualTo(MuLaw.decode(MuLaw.encode((short) (otherDecoded + 500))));
        assertThat(finished).isEqualTo(MediaOperationId.of("own"));
        assertThat(heardByOther).isEqualTo(MuLaw.decode(MuLaw.encode(MuLaw.decode(MuLaw.encode((short) 1000)))));
    }
}
