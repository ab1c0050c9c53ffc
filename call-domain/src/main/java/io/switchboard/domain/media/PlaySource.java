package io.switchboard.domain.media;

/** What to play: an audio file, speech from text or SSML, or several of them in a row. */
public sealed interface PlaySource permits FilePlaySource, TextPlaySource, SsmlPlaySource, PlaySequence {

    /** The key under which the audio it gives may be cached and shared by every call. */
    String cacheKey();
}
