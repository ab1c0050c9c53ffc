package io.switchboard.examples.incident;

import io.switchboard.domain.call.CallConnectionId;

/**
 * One call to one contact and what has happened on it so far. Mutable; confined to the campaign's context.
 *
 * @see Campaign
 */
final class CallAttempt {

    final int index;
    final Contact contact;
    final int number;
    CallConnectionId callId;
    boolean connected;
    boolean acknowledged;
    boolean hangingUp;
    boolean finished;
    long ackTimer = -1;
    long guardTimer = -1;
    String detail = "";

    CallAttempt(int index, Contact contact, int number) {
        this.index = index;
        this.contact = contact;
        this.number = number;
    }

    /** A connected call's outcome: whether the callee pressed 1. */
    Outcome reachedOutcome() {
        return acknowledged ? Outcome.ACKNOWLEDGED : Outcome.REACHED_NO_ACK;
    }
}
