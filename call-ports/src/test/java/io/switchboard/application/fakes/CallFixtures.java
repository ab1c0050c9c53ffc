package io.switchboard.application.fakes;

import io.switchboard.application.port.in.CreateCallCommand;
import io.switchboard.application.port.in.InviteParticipantsCommand;
import io.switchboard.application.port.in.PlayAudioCommand;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.call.RequestedCallEvent;
import io.switchboard.domain.connection.CallSetup;
import io.switchboard.domain.media.FilePlaySource;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** Ready-made requests for tests. */
public final class CallFixtures {

    public static final URI CALLBACK = URI.create("http://127.0.0.1:9/callbacks");
    /** The caller id {@link #aSetup()} presents. */
    public static final PhoneNumberIdentifier CALLER_ID = new PhoneNumberIdentifier("+18005550100");
    public static final PhoneNumberIdentifier ALICE = new PhoneNumberIdentifier("+14255550101");
    public static final PhoneNumberIdentifier BOB = new PhoneNumberIdentifier("+14255550102");
    public static final PhoneNumberIdentifier CAROL = new PhoneNumberIdentifier("+14255550103");
    public static final URI PROMPT = URI.create("https://media.example.com/prompt.wav");

    private CallFixtures() {
    }

    /** A setup asking for every optional event. */
    public static CallSetup aSetup() {
        return new CallSetup(Optional.empty(), Optional.of(CALLER_ID), Optional.empty(),
                new CallbackTarget(CALLBACK, EventSchema.ORIGIN_2021), EnumSet.allOf(RequestedCallEvent.class),
                Optional.empty());
    }

    public static CreateCallCommand aCallTo(CommunicationIdentifier... targets) {
        return new CreateCallCommand(List.of(targets), aSetup(), Optional.empty());
    }

    public static CreateCallCommand aCallTo(String phoneNumber) {
        return aCallTo(new PhoneNumberIdentifier(phoneNumber));
    }

    /** Play {@link #PROMPT} once. */
    public static PlayAudioCommand aPromptFor(CallConnectionId call) {
        return new PlayAudioCommand(call, new FilePlaySource(PROMPT, Optional.empty()), false,
                Optional.of("play-ctx"));
    }

    /** Invite with the call's caller id and the server's ring timeout. */
    public static InviteParticipantsCommand anInvitation(CallConnectionId call, CommunicationIdentifier... invitees) {
        return new InviteParticipantsCommand(call, List.of(invitees), Optional.empty(), Optional.of("invite-ctx"),
                Optional.empty());
    }
}
