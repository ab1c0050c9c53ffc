package io.switchboard.domain.call;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.switchboard.domain.call.CallState.CONNECTED;
import static io.switchboard.domain.call.CallState.CONNECTING;
import static io.switchboard.domain.call.CallState.DISCONNECTED;
import static io.switchboard.domain.call.CallState.DISCONNECTING;
import static org.assertj.core.api.Assertions.assertThat;

class CallStateTest {

    /** The whole table: every pair of states, allowed or not. */
    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "CONNECTING,    CONNECTING,    false",
            "CONNECTING,    CONNECTED,     true",
            "CONNECTING,    DISCONNECTING, true",
            "CONNECTING,    DISCONNECTED,  true",
            "CONNECTED,     CONNECTING,    false",
            "CONNECTED,     CONNECTED,     false",
            "CONNECTED,     DISCONNECTING, true",
            "CONNECTED,     DISCONNECTED,  true",
            "DISCONNECTING, CONNECTING,    false",
            "DISCONNECTING, CONNECTED,     false",
            "DISCONNECTING, DISCONNECTING, false",
            "DISCONNECTING, DISCONNECTED,  true",
            "DISCONNECTED,  CONNECTING,    false",
            "DISCONNECTED,  CONNECTED,     false",
            "DISCONNECTED,  DISCONNECTING, false",
            "DISCONNECTED,  DISCONNECTED,  false"})
    void allowsOnlyTheTransitionsOfTheTable(CallState from, CallState to, boolean allowed) {
        // when / then
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }

    @Test
    void endsOnlyWhenDisconnected() {
        // when / then
        assertThat(CONNECTING.isEnded()).isFalse();
        assertThat(CONNECTED.isEnded()).isFalse();
        assertThat(DISCONNECTING.isEnded()).isFalse();
        assertThat(DISCONNECTED.isEnded()).isTrue();
    }
}
