package io.switchboard.adapter.sip;

import io.switchboard.domain.call.ResultInformation;

/** Maps final SIP responses to the causes ACS reports for a leg that did not connect. */
final class Causes {

    private Causes() {
    }

    /** The cause of a non-2xx final response to an INVITE; the message always carries "SIP code reason". */
    static ResultInformation of(int status, String reason) {
        String detail = "SIP " + status + " " + reason;
        return switch (status) {
            case 486, 600 -> ResultInformation.busy(detail);
            case 603 -> ResultInformation.declined(detail);
            case 404, 484, 604 -> ResultInformation.unreachable(detail);
            default -> ResultInformation.unavailable(detail);
        };
    }
}
