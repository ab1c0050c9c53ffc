package io.switchboard.adapter.sip;

/**
 * Why a blind transfer did not reach its target, e.g. {@code SIP 486 Busy Here from sip:...}: the message is what the
 * core reports in CallTransferFailed. Carries no stack trace; it is an outcome, not a bug.
 */
final class TransferFailedException extends RuntimeException {

    TransferFailedException(String message) {
        super(message, null, false, false);
    }
}
