package io.switchboard.domain.media;

/** What to play: an audio file, or speech from text or SSML. */
public sealed interface PlaySource permits FilePlaySource, TextPlaySource, SsmlPlaySource {

    /** The key under which the audio it gives may be cached and shared by every call. */
    String cacheKey();
}
