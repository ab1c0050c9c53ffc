package io.switchboard.application.fakes;

import io.switchboard.application.port.in.CallUseCases;
import io.switchboard.application.port.in.HandleTelephonyEventUseCase;
import io.switchboard.application.service.CallAutomationCore;
import io.switchboard.application.service.CallSettings;
import io.switchboard.application.service.InMemoryCallRegistry;

import java.time.Clock;
import java.time.Duration;

/**
 * The real application core over in-memory fakes, running every call's work synchronously on the caller's
 * thread: what a use case returns has already happened.
 */
public final class TestCore {

    public final RecordingCallEventPublisher events = new RecordingCallEventPublisher();
    public final FakeTelephony telephony = new FakeTelephony();
    public final FakeMediaFetcher media = new FakeMediaFetcher();
    public final InMemoryCallRegistry registry = new InMemoryCallRegistry(Clock.systemUTC(), Duration.ofMinutes(10));
    private final CallAutomationCore core = CallAutomationCore.create(registry, telephony, events, media,
            new SequentialIdGenerator(), Clock.systemUTC(), Runnable::run, CallSettings.DEFAULTS);

    public CallUseCases useCases() {
        return core.useCases();
    }

    public HandleTelephonyEventUseCase telephonyEvents() {
        return core.telephonyEvents();
    }
}
