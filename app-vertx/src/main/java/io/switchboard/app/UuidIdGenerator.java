package io.switchboard.app;

import io.switchboard.application.port.out.IdGenerator;

import java.util.UUID;

/** Random UUIDs, as ACS uses for call connection ids. */
final class UuidIdGenerator implements IdGenerator {

    @Override
    public String newId() {
        return UUID.randomUUID().toString();
    }
}
