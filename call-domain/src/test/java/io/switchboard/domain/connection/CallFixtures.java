package io.switchboard.domain.connection;

import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.CallState;
import io.switchboard.domain.call.CallbackTarget;
import io.switchboard.domain.call.EventSchema;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.call.RequestedCallEvent;
import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.event.CallConnectionStateChanged;
import io.switchboard.domain.event.ParticipantsUpdated;
import io.switchboard.domain.media.FilePlaySource;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.participant.ParticipantId;
import io.switchboard.domain.participant.PhoneNumberIdentifier;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Calls in well-known states, built only through the domain's own transitions. Alice and Bob are phone numbers,
 * Carol a communication user.
 */
public final class CallFixtures {

    public static final CallConnectionId CALL_ID = CallConnectionId.of("call-1");
    public static final String SERVER_CALL_ID = "server-call-1";
    public static final Instant CREATED_AT = Instant.parse("2024-05-01T09:00:00Z");
    public static final CallbackTarget CALLBACK =
            new CallbackTarget(URI.create("https://app.example.com/callbacks"), EventSchema.GA);
    public static final MediaOperationId PLAY_ID = MediaOperationId.of("op-1");

    private CallFixtures() {
    }

    public static Participant alice() {
        return Participant.target(ParticipantId.of("p-alice"), new PhoneNumberIdentifier("+14255550101"),
                LegId.of("leg-alice"));
    }

    public static Participant bob() {
        return Participant.target(ParticipantId.of("p-bob"), new PhoneNumberIdentifier("+14255550102"),
                LegId.of("leg-bob"));
    }

    /** Carol, invited into a running call with the given operation context. */
    public static Participant carolInvited(String operationContext) {
        return Participant.invitee(ParticipantId.of("p-carol"), new CommunicationUserIdentifier("8:acs:res_carol"),
                LegId.of("leg-carol"), Optional.of(operationContext));
    }

    /** A setup asking for exactly the given optional events. */
    public static CallSetup aSetupRequesting(RequestedCallEvent... events) {
        Set<RequestedCallEvent> requested = events.length == 0
                ? Set.of() : EnumSet.copyOf(Arrays.asList(events));
        return new CallSetup(Optional.empty(), Optional.of(new PhoneNumberIdentifier("+18005550100")),
                Optional.empty(), CALLBACK, requested, Optional.empty());
    }

    /** A setup asking for every optional event. */
    public static CallSetup aSetup() {
        return aSetupRequesting(RequestedCallEvent.values());
    }

    public static Call aCallDialling(CallSetup setup, Participant... targets) {
        return Call.create(CALL_ID, SERVER_CALL_ID, setup, List.of(targets), CREATED_AT).call();
    }

    /** Alice and Bob being dialled; every optional event requested. */
    public static Call aConnectingCall() {
        return aCallDialling(aSetup(), alice(), bob());
    }

    /** Every target answered; every optional event requested. */
    public static Call aConnectedCallWith(Participant... targets) {
        return aConnectedCallWith(aSetup(), targets);
    }

    public static Call aConnectedCallWith(CallSetup setup, Participant... targets) {
        Call call = aCallDialling(setup, targets);
        for (Participant target : targets) {
            call = call.legAnswered(target.leg()).call();
        }
        return call;
    }

    /** Alice and Bob connected; every optional event requested. */
    public static Call aConnectedCall() {
        return aConnectedCallWith(alice(), bob());
    }

    /** Alice and Bob hanging up at the application's request. */
    public static Call aDisconnectingCall() {
        return aConnectedCall().hangUp().call();
    }

    /** A call that ended after the application hung up. */
    public static Call aDisconnectedCall() {
        Call call = aDisconnectingCall();
        call = call.legEnded(alice().leg(), ResultInformation.HUNG_UP_BY_APPLICATION).call();
        return call.legEnded(bob().leg(), ResultInformation.HUNG_UP_BY_APPLICATION).call();
    }

    /** A connected call playing {@link #aPlay()}. */
    public static Call aPlayingCall() {
        return aConnectedCall().startPlay(aPlay()).call();
    }

    public static PlayOperation aPlay() {
        return aPlay(PLAY_ID);
    }

    public static PlayOperation aPlay(MediaOperationId id) {
        return PlayOperation.requested(id, new FilePlaySource(URI.create("https://media.example.com/prompt.wav"),
                Optional.empty()), false, Optional.of("play-ctx"));
    }

    /** The state change event this fixture's call announces. */
    public static CallConnectionStateChanged stateChanged(CallState state, boolean wasConnected,
                                                          ResultInformation result) {
        return new CallConnectionStateChanged(CALL_ID, SERVER_CALL_ID, state, wasConnected, result);
    }

    public static ParticipantsUpdated participantsUpdated(int sequenceNumber, Participant... connected) {
        return new ParticipantsUpdated(CALL_ID, sequenceNumber, List.of(connected));
    }
}
