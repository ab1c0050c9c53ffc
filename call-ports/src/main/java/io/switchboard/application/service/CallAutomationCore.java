package io.switchboard.application.service;

import io.switchboard.application.port.in.CallControlUseCases;
import io.switchboard.application.port.in.CallUseCases;
import io.switchboard.application.port.in.HandleIncomingCallUseCase;
import io.switchboard.application.port.in.HandleTelephonyEventUseCase;
import io.switchboard.application.port.in.IncomingCallUseCase;
import io.switchboard.application.port.in.LiveCallsUseCase;
import io.switchboard.application.port.in.RestartUseCase;
import io.switchboard.application.port.out.CallEventPublisher;
import io.switchboard.application.port.out.CallRegistry;
import io.switchboard.application.port.out.IdGenerator;
import io.switchboard.application.port.out.IncomingCallNotifier;
import io.switchboard.application.port.out.MediaFetcher;
import io.switchboard.application.port.out.MediaStreams;
import io.switchboard.application.port.out.RecordingArchive;
import io.switchboard.application.port.out.SpeechRecognizer;
import io.switchboard.application.port.out.SpeechSynthesizer;
import io.switchboard.application.port.out.Telephony;
import io.switchboard.application.port.out.Timers;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The application core assembled from its driven ports: the use cases for API adapters and the entry point for
 * telephony reports.
 *
 * @param useCases           what API adapters drive
 * @param incomingCalls      what API adapters do with calls ringing at this server
 * @param telephonyEvents    what telephony adapters report to
 * @param incomingCallEvents where telephony adapters offer the calls they receive
 * @param restart            what the server does at start about the calls its last stop left live
 * @param liveCalls          the calls not ended, for an operator's view
 */
public record CallAutomationCore(CallUseCases useCases, IncomingCallUseCase incomingCalls,
                                 HandleTelephonyEventUseCase telephonyEvents,
                                 HandleIncomingCallUseCase incomingCallEvents, RestartUseCase restart,
                                 LiveCallsUseCase liveCalls) {

    /**
     * A core whose timers run on the JDK's shared delay scheduler ({@link ExecutorTimers} over {@code workers}).
     *
     * @param speech   says text and SSML play sources; without it they are refused as not available
     * @param recognizer recognizes speech; without it, recognitions of speech fail as the service is unavailable
     * @param streams  carries the calls' media streams to the applications ({@link MediaStreams#NONE}: none)
     * @param workers  runs the calls' serial executors; its tasks are short and never block
     * @param incoming tells the application of calls ringing here; without it they are refused
     * @param recordings keeps and announces the recordings' files
     */
    public static CallAutomationCore create(CallRegistry registry, Telephony telephony, CallEventPublisher publisher,
                                            MediaFetcher fetcher, Optional<SpeechSynthesizer> speech,
                                            Optional<SpeechRecognizer> recognizer, MediaStreams streams,
                                            IdGenerator ids,
                                            Clock clock, Executor workers, CallSettings settings,
                                            Optional<IncomingCallNotifier> incoming, RecordingArchive recordings) {
        return create(registry, telephony, publisher, fetcher, speech, recognizer, streams, ids, clock, workers,
                settings,
                new ExecutorTimers(workers), incoming, recordings);
    }

    /**
     * @param workers runs the calls' serial executors; its tasks are short and never block
     * @param timers   runs the recognitions' silence timeouts and the incoming calls' ring timeouts
     * @param incoming tells the application of calls ringing here; without it they are refused
     * @param recordings keeps and announces the recordings' files
     */
    public static CallAutomationCore create(CallRegistry registry, Telephony telephony, CallEventPublisher publisher,
                                            MediaFetcher fetcher, Optional<SpeechSynthesizer> speech,
                                            Optional<SpeechRecognizer> recognizer, MediaStreams streams,
                                            IdGenerator ids,
                                            Clock clock, Executor workers, CallSettings settings, Timers timers,
                                            Optional<IncomingCallNotifier> incoming, RecordingArchive recordings) {
        Clips clips = new Clips(fetcher, speech);
        RecordingFiles files = new RecordingFiles(telephony, recordings);
        SpeechListening listening = new SpeechListening(telephony, recognizer);
        Calls calls = new Calls(registry, publisher, new CallExecutors(workers),
                new TelephonyCommands(telephony, clips, timers, settings.ringTimeout(), files, listening,
                        new StreamRelays(telephony, streams, recognizer)));
        PlayService play = new PlayService(calls, clips, ids);
        ParticipantService participants = new ParticipantService(calls, ids, telephony);
        DtmfService dtmf = new DtmfService(calls, telephony);
        CallControlService control = new CallControlService(calls, telephony, clips);
        StreamingService streaming = new StreamingService(calls, recognizer);
        CallControlUseCases callControl = new CallControlUseCases(control, control,
                new RecognizeService(calls, clips, ids, recognizer), dtmf, dtmf, control, control,
                new RecordingService(calls, files, recordings.store(), ids, clock), streaming, streaming,
                participants, new ConnectCallService(calls, ids));
        GetCallService reads = new GetCallService(calls);
        CallUseCases useCases = new CallUseCases(new CreateCallService(calls, ids, clock),
                new HangUpService(calls), play, play, participants, participants, reads, callControl);
        IncomingCallService incomingCalls = new IncomingCallService(calls, ids, clock, timers, settings.ringTimeout(),
                incoming);
        return new CallAutomationCore(useCases, incomingCalls, new TelephonyEventService(calls),
                incomingCalls, calls::endLeftLive, reads);
    }
}
