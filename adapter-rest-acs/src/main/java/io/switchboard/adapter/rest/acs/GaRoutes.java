package io.switchboard.adapter.rest.acs;

import io.switchboard.application.port.in.CallUseCases;
import io.switchboard.application.port.in.IncomingCallUseCase;
import io.switchboard.application.port.out.RepeatableResponses;
import io.switchboard.domain.call.CallAutomationException;
import io.switchboard.domain.call.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;

/**
 * The GA API's routes ({@code spec/acs-ga.md} §2) under {@code /calling}. ACS's action paths end in
 * {@code :action}, which is Vert.x's parameter syntax, hence regex routes with named groups. Every route needs a
 * known {@code api-version}; the operations ACS marks repeatable honour {@code Repeatability-Request-ID}.
 */
final class GaRoutes {

    private static final String CALL = "/calling/callConnections/(?<callConnectionId>[^/:]+)";
    private static final String RECORDING = "/calling/recordings/(?<recordingId>[^/:]+)";
    private static final String OBJECT = "/v1/objects/(?<documentId>[A-Za-z0-9_-]+)";

    private GaRoutes() {
    }

    static void mount(Router router, Vertx vertx, CallUseCases useCases, IncomingCallUseCase incomingCalls,
                      Clock clock, RepeatableResponses kept) {
        router.route("/calling*").handler(new ApiVersionGuard());
        Repeatability repeatable = Repeatability.shared(vertx, clock, kept);
        GaCallHandler calls = new GaCallHandler(useCases);
        GaParticipantHandler participants = new GaParticipantHandler(useCases);
        GaMediaHandler media = new GaMediaHandler(useCases);

        router.post("/calling/callConnections").handler(repeatable).handler(calls::create);
        GaIncomingCallHandler incoming = new GaIncomingCallHandler(incomingCalls);
        router.postWithRegex("/calling/callConnections:answer").handler(repeatable).handler(incoming::answer);
        router.postWithRegex("/calling/callConnections:reject").handler(repeatable).handler(incoming::reject);
        router.postWithRegex("/calling/callConnections:redirect").handler(repeatable).handler(incoming::redirect);
        router.postWithRegex("/calling/callConnections:connect").handler(repeatable).handler(calls::connect);
        router.getWithRegex(CALL).handler(calls::get);
        router.deleteWithRegex(CALL).handler(calls::hangUp);
        action(router, "terminate", repeatable, calls::terminate);
        action(router, "transferToParticipant", repeatable, calls::transfer);

        router.getWithRegex(CALL + "/participants").handler(participants::list);
        router.getWithRegex(CALL + "/participants/(?<participant>[^/]+)").handler(participants::get);
        action(router, "participants:add", repeatable, participants::add);
        action(router, "participants:remove", repeatable, participants::remove);
        action(router, "participants:mute", repeatable, participants::mute);
        action(router, "participants:cancelAddParticipant", repeatable, participants::cancelAdd);
        action(router, "participants:moveHere", repeatable, participants::move);

        action(router, "play", media::play);
        action(router, "cancelAllMediaOperations", media::cancelAll);
        action(router, "recognize", media::recognize);
        action(router, "startContinuousDtmfRecognition", media::startContinuousDtmf);
        action(router, "stopContinuousDtmfRecognition", media::stopContinuousDtmf);
        action(router, "sendDtmfTones", repeatable, media::sendTones);
        action(router, "hold", media::hold);
        action(router, "unhold", media::unhold);
        action(router, "startMediaStreaming", media::startStreaming);
        action(router, "stopMediaStreaming", media::stopStreaming);
        action(router, "startTranscription", media::startTranscription);
        action(router, "stopTranscription", media::stopTranscription);
        action(router, "updateTranscription", media::updateTranscription);
        GaRecordingHandler recording = new GaRecordingHandler(useCases.callControl().recording());
        router.post("/calling/recordings").handler(repeatable).handler(recording::start);
        router.getWithRegex(RECORDING).handler(recording::get);
        router.deleteWithRegex(RECORDING).handler(recording::stop);
        router.postWithRegex(RECORDING + ":pause").handler(recording::pause);
        router.postWithRegex(RECORDING + ":resume").handler(recording::resume);
        // the download locations of RecordingFileStatusUpdated; the SDK sends no api-version to them
        router.getWithRegex(OBJECT + "/content/audio").handler(recording::content);
        router.getWithRegex(OBJECT + "/content/acsmetadata").handler(recording::metadata);
        router.deleteWithRegex(OBJECT).handler(recording::delete);

        // any other action exists in ACS but not here (e.g. :summarizeCall)
        router.postWithRegex(CALL + ":(?<action>[A-Za-z]+)").handler(GaRoutes::notSupported);
        router.postWithRegex(CALL + "/participants:(?<action>[A-Za-z]+)").handler(GaRoutes::notSupported);
        router.postWithRegex("/calling/callConnections:(?<action>[A-Za-z]+)").handler(GaRoutes::notSupported);
    }

    private static void action(Router router, String action, Handler<RoutingContext> handler) {
        router.postWithRegex(CALL + (action.startsWith("participants") ? "/" : ":") + action).handler(handler);
    }

    private static void action(Router router, String action, Repeatability repeatable,
                               Handler<RoutingContext> handler) {
        router.postWithRegex(CALL + (action.startsWith("participants") ? "/" : ":") + action)
                .handler(repeatable).handler(handler);
    }

    private static void notSupported(RoutingContext rc) {
        rc.fail(new CallAutomationException(ErrorCode.NOT_SUPPORTED,
                rc.pathParam("action") + " is not supported by this server."));
    }
}
