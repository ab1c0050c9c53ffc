package io.switchboard.domain.call;

/** Optional events an application asks for when it creates a call. */
public enum RequestedCallEvent {
    PARTICIPANTS_UPDATED,
    DTMF_RECEIVED
}
