package io.switchboard.domain.media;

/** What to play. Only audio files exist today; text-to-speech sources would be further permitted records. */
public sealed interface PlaySource permits FilePlaySource {
}
