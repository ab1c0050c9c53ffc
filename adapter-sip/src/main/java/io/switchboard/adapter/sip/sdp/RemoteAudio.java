package io.switchboard.adapter.sip.sdp;

/**
 * What a peer's SDP settles for the audio stream: where to send RTP and with which payload types.
 *
 * @param payloadType               0 (PCMU) or 8 (PCMA): the first of them the peer listed
 * @param telephoneEventPayloadType the peer's RFC 4733 {@code telephone-event/8000} payload type, -1 if none
 */
public record RemoteAudio(String address, int port, int payloadType, int telephoneEventPayloadType) {

    public RemoteAudio {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("sdp: connection address missing (expected: c=IN IP4 <address>)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("sdp: audio port " + port + " (expected: 1-65535)");
        }
        if (payloadType != Sdp.PCMU && payloadType != Sdp.PCMA) {
            throw new IllegalArgumentException("sdp: payload type " + payloadType + " (expected: 0 PCMU or 8 PCMA)");
        }
    }
}
