package io.switchboard.application.service;

import io.switchboard.application.port.out.RecordedFile;
import io.switchboard.application.port.out.RecordingArchive;
import io.switchboard.application.port.out.RecordingDocument.ChannelParticipant;
import io.switchboard.application.port.out.RecordingDocument;
import io.switchboard.application.port.out.RecordingRequest;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.call.LegId;
import io.switchboard.domain.connection.Call;
import io.switchboard.domain.connection.Transition;
import io.switchboard.domain.participant.Participant;
import io.switchboard.domain.recording.Recording;
import io.switchboard.domain.recording.RecordingId;
import io.switchboard.domain.telephony.TelephonyCommand.StartRecording;
import io.switchboard.domain.telephony.TelephonyCommand.StopRecording;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The files of recordings, from the start command to the kept document: picks the file before the recording starts
 * (so a full disk refuses the start rather than failing it later), has telephony write it, remembers who was in the
 * call, and when telephony completes the file keeps its document and announces it. Thread-safe.
 */
final class RecordingFiles {

    private static final System.Logger LOG = System.getLogger(RecordingFiles.class.getName());

    /** A recording on its way: its file, and the participants seen in its call (leg → raw id). */
    private static final class Underway {
        final String documentId;
        final Path file;
        final Map<LegId, String> participants = new ConcurrentHashMap<>();
        volatile String endReason = "SessionEnded";

        Underway(String documentId, Path file) {
            this.documentId = documentId;
            this.file = file;
        }
    }

    private final Telephony telephony;
    private final RecordingArchive archive;
    private final Map<RecordingId, Underway> underway = new ConcurrentHashMap<>();

    RecordingFiles(Telephony telephony, RecordingArchive archive) {
        this.telephony = telephony;
        this.archive = archive;
    }

    /**
     * Picks the file of a recording about to start.
     *
     * @throws CallAutomationException {@link ErrorCode#FEATURE_NOT_AVAILABLE} if no network can record the call,
     *                                 {@link ErrorCode#UNAVAILABLE} if the store refuses (e.g. the disk is too full)
     */
    void prepare(Call call, RecordingId recording, String documentId) {
        if (!telephony.records(call.participants().stream().map(Participant::leg).toList())) {
            throw new CallAutomationException(ErrorCode.FEATURE_NOT_AVAILABLE, "Call " + call.id()
                    + " cannot be recorded: no network carrying its legs records audio.");
        }
        try {
            underway.put(recording, new Underway(documentId, archive.store().newFile(documentId)));
        } catch (IOException e) {
            throw new CallAutomationException(ErrorCode.UNAVAILABLE, "The recording cannot start: " + e.getMessage());
        }
    }

    /** Has telephony record; when the file is complete its document is kept and announced. */
    void start(Calls calls, Call call, StartRecording start) {
        Underway files = underway.get(start.recording());
        Recording recording = call.media().recording().orElse(null);
        if (files == null || recording == null || !recording.id().equals(start.recording())) {
            return; // not prepared by this server's service, or already stopped
        }
        remember(files, call);
        telephony.record(new RecordingRequest(call.id(), start.recording(), start.channels(),
                        call.participants().stream().map(Participant::leg).toList(), start.channelOrder(),
                        start.paused(), files.file))
                .whenComplete((file, error) -> {
                    underway.remove(start.recording());
                    if (error != null) {
                        failed(calls, call, start.recording(), error);
                    } else {
                        completed(call, recording, files, file);
                    }
                });
    }

    void stop(Call call, StopRecording stop) {
        Underway files = underway.get(stop.recording());
        if (files != null) {
            remember(files, call);
            files.endReason = call.state().isEnded() || call.participants().isEmpty() ? "SessionEnded"
                    : "RecordingStopped";
        }
        telephony.stopRecording(call.id(), stop.recording());
    }

    private static void remember(Underway files, Call call) {
        call.participants().forEach(p -> files.participants.put(p.leg(), p.identifier().rawId()));
    }

    private void completed(Call call, Recording recording, Underway files, RecordedFile file) {
        List<ChannelParticipant> participants = file.legChannels().entrySet().stream()
                .map(e -> new ChannelParticipant(files.participants.getOrDefault(e.getKey(), e.getKey().value()),
                        e.getValue()))
                .sorted(Comparator.comparingInt(ChannelParticipant::channel)).toList();
        RecordingDocument document = new RecordingDocument(files.documentId, recording.id(), call.id(),
                call.serverCallId(), recording.spec().channels(), file.channels(), recording.startedAt(),
                file.length(), file.bytes(), files.endReason, participants);
        try {
            archive.store().completed(document);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "call " + call.id() + ": recording " + recording.id() + " written to " + file.file()
                    + " but not kept: " + e.getMessage());
            return;
        }
        LOG.log(Level.INFO, "call {0}: recording {1} complete: {2} ms in {3}", call.id(), recording.id(),
                file.length().toMillis(), file.file());
        archive.notifier().ifPresent(notifier -> notifier.ready(document));
    }

    private static void failed(Calls calls, Call call, RecordingId recording, Throwable error) {
        LOG.log(Level.WARNING, "call {0}: recording {1} failed: {2}", call.id(), recording, error.getMessage());
        calls.report(call.id(), current -> current.media().recording().filter(r -> r.id().equals(recording))
                .map(r -> current.stopRecording(recording)).orElseGet(() -> Transition.of(current)));
    }
}
