package io.switchboard.application.port.in;

/** What the server does once at start about the calls its last stop left live. */
public interface RestartUseCase {

    /**
     * Ends each call the registry kept as live when the server stopped, reported to its application once
     * ({@code CallDisconnected}, 500/8500) and hung up where telephony still knows a leg of it.
     *
     * @return how many calls are ended
     */
    int endCallsLeftLive();
}
