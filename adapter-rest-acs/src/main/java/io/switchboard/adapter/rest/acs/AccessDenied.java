package io.switchboard.adapter.rest.acs;

/**
 * A request failed authentication. The reason is for the server's log only: the wire always says the same
 * ({@code Denied}), so that a caller learns nothing about which check failed.
 */
final class AccessDenied extends RuntimeException {

    AccessDenied(String reason) {
        super(reason, null, false, false);
    }
}
