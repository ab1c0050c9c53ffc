package io.switchboard.application.fakes;

import io.switchboard.application.port.in.CallUseCases;
import io.switchboard.application.port.in.CreateCallCommand;
import io.switchboard.application.port.in.HandleIncomingCallUseCase;
import io.switchboard.application.port.in.HandleTelephonyEventUseCase;
import io.switchboard.application.port.in.IncomingCallUseCase;
import io.switchboard.application.port.out.RecordingArchive;
import io.switchboard.application.service.CallAutomationCore;
import io.switchboard.application.service.CallSettings;
import io.switchboard.application.service.InMemoryCallRegistry;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.participant.Participant;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The real application core over in-memory fakes, running every call's work synchronously on the caller's
 * thread: what a use case returns has already happened.
 */
public final class TestCore {

    public final RecordingCallEventPublisher events = new RecordingCallEventPublisher();
    public final FakeTelephony telephony = new FakeTelephony();
    public final FakeMediaFetcher media = new FakeMediaFetcher();
    public final FakeSpeechSynthesizer speech = new FakeSpeechSynthesizer();
    public final FakeSpeechRecognizer recognizer = new FakeSpeechRecognizer();
    public final FakeTimers timers = new FakeTimers();
    public final FakeMediaStreams streams = new FakeMediaStreams();
    public final RecordingIncomingCallNotifier notices = new RecordingIncomingCallNotifier();
    public final InMemoryRecordingStore recordings = new InMemoryRecordingStore();
    public final InMemoryCallRegistry registry = new InMemoryCallRegistry(Clock.systemUTC(), Duration.ofMinutes(10));
    private final CallAutomationCore core = CallAutomationCore.create(registry, telephony, events, media,
            Optional.of(speech), Optional.of(recognizer), streams, new SequentialIdGenerator(), Clock.systemUTC(), Runnable::run,
            CallSettings.DEFAULTS, timers,
            Optional.of(notices), new RecordingArchive(recordings, Optional.of(recordings)));

    public CallUseCases useCases() {
        return core.useCases();
    }

    public HandleTelephonyEventUseCase telephonyEvents() {
        return core.telephonyEvents();
    }

    public IncomingCallUseCase incomingCalls() {
        return core.incomingCalls();
    }

    public HandleIncomingCallUseCase incomingCallEvents() {
        return core.incomingCallEvents();
    }

    /** Creates the call, lets every target answer, and forgets the events and requests that took. */
    public Call aConnectedCall(CreateCallCommand command) {
        Call created = result(useCases().createCall().createCall(command));
        created.participants().forEach(p -> telephonyEvents().legAnswered(p.leg()));
        events.clear();
        telephony.clear();
        return call(created.id());
    }

    /** The call as the core has it now. */
    public Call call(CallConnectionId id) {
        return registry.find(id).orElseThrow(() -> new AssertionError("no call " + id));
    }

    /** The participant of the call with the given raw id. */
    public Participant participant(CallConnectionId id, String rawId) {
        return call(id).participant(rawId).orElseThrow(() -> new AssertionError("no " + rawId + " in call " + id));
    }

    /** The value of a stage that has completed, as every stage of this core has by the time it is returned. */
    public static <T> T result(CompletionStage<T> stage) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        if (!future.isDone()) {
            throw new AssertionError("stage not completed: the core should have run synchronously");
        }
        return future.join();
    }

    /** Why a completed stage failed. */
    public static Throwable failure(CompletionStage<?> stage) {
        try {
            Object value = result(stage);
            throw new AssertionError("expected a failure, got " + value);
        } catch (CompletionException e) {
            return e.getCause();
        }
    }
}
