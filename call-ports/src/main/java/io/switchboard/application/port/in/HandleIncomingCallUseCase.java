package io.switchboard.application.port.in;

import io.switchboard.application.port.out.OfferedCall;

/** How a network reports calls ringing at this server. Both methods return at once; any thread. */
public interface HandleIncomingCallUseCase {

    /** A call rings: the application is told, and it answers, rejects or redirects it within the ring timeout. */
    void offered(IncomingCallOffer offer);

    /** The caller hung up before the call was answered, rejected or redirected. */
    void withdrawn(OfferedCall call);
}
