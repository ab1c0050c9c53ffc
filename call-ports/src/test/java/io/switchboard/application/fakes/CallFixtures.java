package io.switchboard.application.fakes;

import io.switchboard.application.port.in.CreateCallCommand;
import io.switchboard.domain.call.CallSetup;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.call.RequestedCallEvent;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** Ready-made requests for tests. */
public final class CallFixtures {

    public static final URI CALLBACK = URI.create("http://127.0.0.1:9/callbacks");

    private CallFixtures() {
    }

    /** A setup asking for every optional event. */
    public static CallSetup aSetup() {
        return new CallSetup(Optional.empty(), Optional.of(new PhoneNumberIdentifier("+18005550100")), Optional.empty(),
                new CallbackTarget(CALLBACK, EventSchema.ORIGIN_2021), EnumSet.allOf(RequestedCallEvent.class),
                Optional.empty());
    }

    public static CreateCallCommand aCallTo(CommunicationIdentifier... targets) {
        return new CreateCallCommand(List.of(targets), aSetup(), Optional.empty());
    }

    public static CreateCallCommand aCallTo(String phoneNumber) {
        return aCallTo(new PhoneNumberIdentifier(phoneNumber));
    }
}
