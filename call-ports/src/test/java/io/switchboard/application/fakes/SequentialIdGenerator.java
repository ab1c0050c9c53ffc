package io.switchboard.application.fakes;

import io.switchboard.application.port.out.IdGenerator;

import java.util.concurrent.atomic.AtomicInteger;

/** Ids {@code id-1}, {@code id-2}, ... in order of asking. */
public final class SequentialIdGenerator implements IdGenerator {

    private final AtomicInteger next = new AtomicInteger();

    @Override
    public String newId() {
        return "id-" + next.incrementAndGet();
    }
}
