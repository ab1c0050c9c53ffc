package io.switchboard.adapter.rest.acs;

import io.switchboard.application.port.in.CallUseCases;
import io.switchboard.application.port.in.CancelMediaProcessingCommand;
import io.switchboard.application.port.in.SendDtmfTonesCommand;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;

import static io.switchboard.adapter.rest.acs.GaCallHandler.callId;

/**
 * Media actions on {@code /calling/callConnections/{id}:<action>} (GA API): play, cancel, recognize, DTMF, hold,
 * media streaming, transcription.
 * Their outcomes follow as events; the SDK ignores the bodies of those answered without one.
 */
final class GaMediaHandler {

    private final CallUseCases useCases;

    GaMediaHandler(CallUseCases useCases) {
        this.useCases = useCases;
    }

    /** 202. */
    void play(RoutingContext rc) {
        GaReplies.empty(rc, useCases.playAudio().playAudio(GaMediaRequests.play(callId(rc), JsonRequest.object(rc))),
                202);
    }

    /** 202; bodyless. */
    void cancelAll(RoutingContext rc) {
        GaReplies.empty(rc, useCases.cancelMedia().cancelMediaProcessing(
                new CancelMediaProcessingCommand(callId(rc), Optional.empty())), 202);
    }

    /** 202. */
    void recognize(RoutingContext rc) {
        GaReplies.empty(rc, useCases.callControl().recognize().recognize(
                GaMediaRequests.recognize(callId(rc), JsonRequest.object(rc))), 202);
    }

    /** 200. */
    void startContinuousDtmf(RoutingContext rc) {
        GaReplies.empty(rc, useCases.callControl().continuousDtmf().startContinuousDtmfRecognition(
                GaMediaRequests.onParticipant(callId(rc), JsonRequest.object(rc))), 200);
    }

    /** 200; ContinuousDtmfRecognitionStopped follows. */
    void stopContinuousDtmf(RoutingContext rc) {
        GaReplies.empty(rc, useCases.callControl().continuousDtmf().stopContinuousDtmfRecognition(
                GaMediaRequests.onParticipant(callId(rc), JsonRequest.object(rc))), 200);
    }

    /** 202 {@code {operationContext}}; SendDtmfTonesCompleted or SendDtmfTonesFailed follows. */
    void sendTones(RoutingContext rc) {
        SendDtmfTonesCommand command = GaMediaRequests.sendTones(callId(rc), JsonRequest.object(rc));
        GaReplies.json(rc, useCases.callControl().sendDtmfTones().sendDtmfTones(command), 202,
                ignored -> GaJson.operation(command.operationContext()));
    }

    /** 200. */
    void hold(RoutingContext rc) {
        GaReplies.empty(rc, useCases.callControl().hold().hold(
                GaMediaRequests.hold(callId(rc), JsonRequest.object(rc))), 200);
    }

    /** 200. */
    void unhold(RoutingContext rc) {
        GaReplies.empty(rc, useCases.callControl().hold().unhold(
                GaMediaRequests.onParticipant(callId(rc), JsonRequest.object(rc))), 200);
    }

    /** 202; MediaStreamingStarted (or MediaStreamingFailed) follows. */
    void startStreaming(RoutingContext rc) {
        GaReplies.empty(rc, useCases.callControl().streaming().startMediaStreaming(
                GaStreamingRequests.command(callId(rc), JsonRequest.optionalObject(rc))), 202);
    }

    /** 202; MediaStreamingStopped follows. */
    void stopStreaming(RoutingContext rc) {
        GaReplies.empty(rc, useCases.callControl().streaming().stopMediaStreaming(
                GaStreamingRequests.command(callId(rc), JsonRequest.optionalObject(rc))), 202);
    }

    /** 202; TranscriptionStarted (or TranscriptionFailed) follows. */
    void startTranscription(RoutingContext rc) {
        GaReplies.empty(rc, useCases.callControl().transcription().startTranscription(
                GaStreamingRequests.transcriptionCommand(callId(rc), JsonRequest.optionalObject(rc))), 202);
    }

    /** 202; TranscriptionStopped follows. */
    void stopTranscription(RoutingContext rc) {
        GaReplies.empty(rc, useCases.callControl().transcription().stopTranscription(
                GaStreamingRequests.transcriptionCommand(callId(rc), JsonRequest.optionalObject(rc))), 202);
    }

    /** 202; TranscriptionUpdated follows. */
    void updateTranscription(RoutingContext rc) {
        GaReplies.empty(rc, useCases.callControl().transcription().updateTranscription(
                GaStreamingRequests.transcriptionCommand(callId(rc), JsonRequest.object(rc))), 202);
    }
}
