package io.switchboard.application.port.out;

/** Makes ids for calls, legs, participants and operations. Thread-safe. */
public interface IdGenerator {

    /** A new id, unique for the life of the server and beyond (e.g. a random UUID). */
    String newId();
}
