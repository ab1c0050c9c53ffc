package io.switchboard.adapter.sip;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.media.MediaOperationId;

/** The playback id handed to the media engine: one play operation of one call. */
record PlaybackKey(CallConnectionId call, MediaOperationId operation) {
}
