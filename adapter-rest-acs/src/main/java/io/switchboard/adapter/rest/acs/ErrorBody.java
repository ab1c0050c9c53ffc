package io.switchboard.adapter.rest.acs;

/**
 * How one API flavour writes an error: the origin API as {@code {"code","message"}}, the GA API wraps the same in
 * {@code {"error":{...}}}, the recording downloads add the {@code status} and {@code message} the SDK's
 * {@code CallRecording} reads from a failed download.
 */
@FunctionalInterface
interface ErrorBody {

    /** @return the JSON text of the error body */
    String render(int status, String code, String message);
}
