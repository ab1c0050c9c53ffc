package io.switchboard.application.service;

import io.switchboard.application.port.in.RecordingUseCase;
import io.switchboard.application.port.in.StartRecordingCommand;
import io.switchboard.application.port.out.IdGenerator;
import io.switchboard.application.port.out.RecordingDocument;
import io.switchboard.application.port.out.RecordingStore;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.connection.Transition;
import io.switchboard.domain.recording.Recording;
import io.switchboard.domain.recording.RecordingId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Records calls and serves what was recorded; the call's transitions say what telephony records. */
public final class RecordingService implements RecordingUseCase {

    private static final System.Logger LOG = System.getLogger(RecordingService.class.getName());

    private final Calls calls;
    private final RecordingFiles files;
    private final RecordingStore store;
    private final IdGenerator ids;
    private final Clock clock;

    RecordingService(Calls calls, RecordingFiles files, RecordingStore store, IdGenerator ids, Clock clock) {
        this.calls = calls;
        this.files = files;
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Recording> start(StartRecordingCommand command) {
        Optional<Call> found = command.callConnectionId().isPresent()
                ? calls.registry().find(command.callConnectionId().get())
                : calls.registry().findByServerCallId(command.serverCallId().orElseThrow());
        if (found.isEmpty()) {
            return CompletableFuture.failedFuture(new CallAutomationException(ErrorCode.CALL_NOT_FOUND,
                    "No call with " + command.callConnectionId().map(id -> "callConnectionId " + id)
                            .orElseGet(() -> "serverCallId " + command.serverCallId().orElseThrow()) + "."));
        }
        return calls.onCall(found.get().id(), call -> {
            RecordingId id = RecordingId.of(call.id(), ids.newId());
            Transition started = call.startRecording(id, command.spec(), clock.instant()); // may refuse: no file yet
            files.prepare(call, id, ids.newId());
            Call recorded = calls.apply(started);
            LOG.log(Level.INFO, "call {0}: recording {1} started ({2})", call.id(), id,
                    command.spec().channels().name().toLowerCase(Locale.ROOT));
            return recorded.recording(id);
        });
    }

    @Override
    public CompletionStage<Recording> state(RecordingId recording) {
        return onRecording(recording, call -> call.recording(recording));
    }

    @Override
    public CompletionStage<Void> pause(RecordingId recording, boolean paused) {
        return onRecording(recording, call -> {
            calls.apply(call.pauseRecording(recording, paused));
            return null;
        });
    }

    @Override
    public CompletionStage<Void> stop(RecordingId recording) {
        return onRecording(recording, call -> {
            calls.apply(call.stopRecording(recording));
            return null;
        });
    }

    @Override
    public Optional<RecordingDocument> document(String documentId) {
        return store.find(documentId);
    }

    @Override
    public Optional<Path> content(String documentId) {
        return store.content(documentId);
    }

    @Override
    public boolean delete(String documentId) {
        try {
            return store.delete(documentId);
        } catch (IOException e) {
            throw new UncheckedIOException("recording " + documentId + " could not be deleted", e);
        }
    }

    /** Runs work on the call a recording id names; an id of no call kept here is an unknown recording (404). */
    private <T> CompletionStage<T> onRecording(RecordingId recording, Function<Call, T> work) {
        Optional<CallConnectionId> call = recording.call().filter(id -> calls.registry().find(id).isPresent());
        if (call.isEmpty()) {
            return CompletableFuture.failedFuture(new CallAutomationException(ErrorCode.RECORDING_NOT_FOUND,
                    "Recording " + recording + " is unknown."));
        }
        return calls.onCall(call.get(), work);
    }
}
