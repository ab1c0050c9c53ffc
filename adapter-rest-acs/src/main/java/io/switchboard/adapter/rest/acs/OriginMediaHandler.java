package io.switchboard.adapter.rest.acs;

import io.switchboard.application.port.in.CancelMediaProcessingCommand;
import io.switchboard.application.port.in.CancelMediaProcessingUseCase;
import io.switchboard.application.port.in.PlayAudioCommand;
import io.switchboard.application.port.in.PlayAudioUseCase;
import io.switchboard.domain.media.MediaOperationId;
import io.switchboard.domain.media.PlayOperation;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/** {@code /calls/:callId/PlayAudio} and {@code /CancelMediaProcessing} (origin API). */
final class OriginMediaHandler {

    private final PlayAudioUseCase playAudio;
    private final CancelMediaProcessingUseCase cancelMedia;

    OriginMediaHandler(PlayAudioUseCase playAudio, CancelMediaProcessingUseCase cancelMedia) {
        this.playAudio = playAudio;
        this.cancelMedia = cancelMedia;
    }

    /** 202 with the operation as it now runs; its outcome follows as a {@code PlayAudioResult} event. */
    void play(RoutingContext rc) {
        PlayAudioCommand command = OriginRequests.playAudio(OriginCallHandler.callId(rc), JsonRequest.object(rc));
        Replies.json(rc, playAudio.playAudio(command), 202, OriginJson::operation);
    }

    /**
     * 202, status completed: the canceled operation's id, or a fresh id when nothing was playing (the origin API
     * reports the cancellation itself as an operation). The body, {@code {"operationContext"}}, may be empty.
     */
    void cancel(RoutingContext rc) {
        CancelMediaProcessingCommand command =
                OriginRequests.cancelMedia(OriginCallHandler.callId(rc), JsonRequest.optionalObject(rc));
        Replies.json(rc, cancelMedia.cancelMediaProcessing(command), 202, canceled -> OriginJson.canceled(
                canceled.map(PlayOperation::id).orElseGet(() -> MediaOperationId.of(UUID.randomUUID().toString())),
                command.operationContext()));
    }
}
