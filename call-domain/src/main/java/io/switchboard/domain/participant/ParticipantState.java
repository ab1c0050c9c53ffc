package io.switchboard.domain.participant;

/** Where a participant's leg stands. */
public enum ParticipantState {
    /** Being dialled: ringing or not yet answered. */
    CONNECTING,
    /** Answered and in the call. */
    CONNECTED,
    /** The application asked to remove this participant; its leg is being hung up. */
    REMOVING,
    /** The application canceled the invitation while it was ringing; its leg is being hung up. */
    CANCELING,
    /** The whole call is being hung up. */
    LEAVING
}
