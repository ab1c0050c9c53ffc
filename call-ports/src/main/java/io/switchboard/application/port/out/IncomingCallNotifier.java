package io.switchboard.application.port.out;

/**
 * Tells the application that a call is ringing at this server (ACS delivers IncomingCall through an Event Grid
 * subscription). Non-blocking and thread-safe; delivery is the adapter's concern.
 */
public interface IncomingCallNotifier {

    void notify(IncomingCallNotice notice);
}
