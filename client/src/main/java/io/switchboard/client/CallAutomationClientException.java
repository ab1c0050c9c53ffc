package io.switchboard.client;

/**
 * Why a {@link CallClient} request failed: the service refused it (a non-2xx status with its error code and
 * message, as the origin API's {@code {"code","message"}} or GA's {@code {"error":{"code","message"}}}), or no usable
 * answer arrived (status 0: connection failure or timeout; or a 2xx whose body could not be read).
 */
public final class CallAutomationClientException extends RuntimeException {

    /** The code of a request that got no response in time. */
    public static final String TIMEOUT = "Timeout";
    /** The code of a request that could not be sent or whose connection broke. */
    public static final String CONNECTION_FAILED = "ConnectionFailed";
    /** The code of a success response whose body is not what the API promises. */
    public static final String INVALID_RESPONSE = "InvalidResponse";

    private final int status;
    private final String code;
    private final String serviceMessage;

    public CallAutomationClientException(int status, String code, String serviceMessage, Throwable cause) {
        super(describe(status, code, serviceMessage), cause);
        this.status = status;
        this.code = code;
        this.serviceMessage = serviceMessage;
    }

    public CallAutomationClientException(int status, String code, String serviceMessage) {
        this(status, code, serviceMessage, null);
    }

    /** The HTTP status; 0 when no response arrived. */
    public int status() {
        return status;
    }

    /** The service's error code, e.g. {@code 8522} (call not found) or {@code Denied}; one of the constants here. */
    public String code() {
        return code;
    }

    /** The service's message, as sent. */
    public String serviceMessage() {
        return serviceMessage;
    }

    private static String describe(int status, String code, String message) {
        return (status == 0 ? "no response" : "status " + status) + ", code " + code + ": " + message;
    }
}
