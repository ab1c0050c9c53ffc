package io.switchboard.adapter.rest.acs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.application.port.in.RecordingUseCase;
import io.switchboard.application.port.out.RecordingDocument;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.ErrorCode;
import io.switchboard.domain.recording.Recording;
import io.switchboard.domain.recording.RecordingChannels;
import io.switchboard.domain.recording.RecordingId;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GA call recording: {@code /calling/recordings} (start, state, stop, pause, resume), and the recordings kept for
 * download at the locations the {@code RecordingFileStatusUpdated} event gives: {@code /v1/objects/{documentId}}
 * with {@code /content/audio} (byte ranges served) and {@code /content/acsmetadata}, as the SDK's
 * {@code CallRecording} downloads and deletes them.
 */
final class GaRecordingHandler {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{1,18})-(\\d{0,18})");

    private final RecordingUseCase recordings;

    GaRecordingHandler(RecordingUseCase recordings) {
        this.recordings = recordings;
    }

    /** 200 RecordingStateResponse. */
    void start(RoutingContext rc) {
        GaReplies.json(rc, recordings.start(GaRecordingRequests.start(JsonRequest.object(rc))), 200,
                GaRecordingHandler::state);
    }

    /** 200 RecordingStateResponse. */
    void get(RoutingContext rc) {
        GaReplies.json(rc, recordings.state(id(rc)), 200, GaRecordingHandler::state);
    }

    /** 204. */
    void stop(RoutingContext rc) {
        GaReplies.empty(rc, recordings.stop(id(rc)), 204);
    }

    /** 202. */
    void pause(RoutingContext rc) {
        GaReplies.empty(rc, recordings.pause(id(rc), true), 202);
    }

    /** 202. */
    void resume(RoutingContext rc) {
        GaReplies.empty(rc, recordings.pause(id(rc), false), 202);
    }

    /**
     * The WAV file, whole (200) or the byte range asked for (206); 416 for a range past its end; a Range header that
     * is not {@code bytes=first-[last]} is ignored.
     */
    void content(RoutingContext rc) {
        String documentId = rc.pathParam("documentId");
        Path file = recordings.content(documentId).orElseThrow(() -> unknown(documentId));
        rc.vertx().fileSystem().props(file.toString()).onFailure(rc::fail).onSuccess(props -> {
            long size = props.size();
            Matcher range = RANGE.matcher(String.valueOf(rc.request().getHeader("Range")).trim());
            rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "audio/wav").putHeader("Accept-Ranges", "bytes");
            if (!range.matches()) {
                // no range, or one that is not bytes=first-[last] (SDK 1.5 sends "bytes=undefined"): the whole file,
                // as RFC 9110 lets a server ignore a Range it does not take
                rc.response().sendFile(file.toString()).onFailure(rc::fail);
                return;
            }
            long first = Long.parseLong(range.group(1));
            long last = range.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(range.group(2)));
            if (first > last) {
                rc.response().setStatusCode(416).putHeader("Content-Range", "bytes */" + size).end();
                return;
            }
            rc.response().setStatusCode(206).putHeader("Content-Range", "bytes " + first + "-" + last + "/" + size)
                    .sendFile(file.toString(), first, last - first + 1).onFailure(rc::fail);
        });
    }

    /** ACS's recording metadata document: the chunk, the format, who is on which channel. */
    void metadata(RoutingContext rc) {
        String documentId = rc.pathParam("documentId");
        RecordingDocument document = recordings.document(documentId).orElseThrow(() -> unknown(documentId));
        rc.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(metadata(document).toString());
    }

    /** 200, as the SDK's {@code delete} expects; the file and its document are gone. */
    void delete(RoutingContext rc) {
        String documentId = rc.pathParam("documentId");
        rc.vertx().executeBlocking(() -> recordings.delete(documentId)).onFailure(rc::fail).onSuccess(deleted -> {
            if (!deleted) {
                rc.fail(unknown(documentId));
            } else {
                rc.response().setStatusCode(200).end();
            }
        });
    }

    private static RecordingId id(RoutingContext rc) {
        return JsonRequest.at("recordingId", () -> new RecordingId(rc.pathParam("recordingId")));
    }

    private static CallAutomationException unknown(String documentId) {
        return new CallAutomationException(ErrorCode.RECORDING_NOT_FOUND,
                "No recording " + documentId + " is kept here.");
    }

    static ObjectNode state(Recording recording) {
        return JsonRequest.MAPPER.createObjectNode().put("recordingId", recording.id().value())
                .put("recordingState", recording.state().name().toLowerCase(Locale.ROOT))
                .put("recordingKind", "azureCommunicationServices");
    }

    static ObjectNode metadata(RecordingDocument document) {
        ObjectNode json = JsonRequest.MAPPER.createObjectNode()
                .put("resourceId", "switchboard")
                .put("callId", document.serverCallId())
                .put("callConnectionId", document.call().value())
                .put("recordingId", document.recording().value())
                .put("chunkDocumentId", document.documentId())
                .put("chunkIndex", 0)
                .put("chunkStartTime", document.startedAt().toString())
                .put("chunkDuration", (double) document.length().toMillis());
        json.putArray("pauseResumeIntervals");
        ObjectNode info = json.putObject("recordingInfo").put("contentType", "audio")
                .put("channelType", document.channelType() == RecordingChannels.MIXED ? "mixed" : "unmixed")
                .put("format", "wav");
        info.putObject("audioConfiguration").put("sampleRate", 8000).put("bitRate", 8000 * 16 * document.channels())
                .put("channels", document.channels());
        ArrayNode participants = json.putArray("participants");
        document.participants().forEach(p -> participants.addObject().put("participantId", p.rawId())
                .put("channel", p.channel()));
        return json;
    }
}
