package io.switchboard.adapter.rest.acs;

/**
 * How one API flavour writes an error: the origin API as {@code {"code","message"}}, the GA API wraps the same in
 * {@code {"error":{...}}}.
 */
@FunctionalInterface
interface ErrorBody {

    /** @return the JSON text of the error body */
    String render(String code, String message);
}
