package io.switchboard.application.service;

import io.switchboard.application.port.in.CallUseCases;
import io.switchboard.application.port.in.HandleTelephonyEventUseCase;
import io.switchboard.application.port.out.CallEventPublisher;
import io.switchboard.application.port.out.CallRegistry;
import io.switchboard.application.port.out.IdGenerator;
import io.switchboard.application.port.out.MediaFetcher;
import io.switchboard.application.port.out.Telephony;

import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * The application core assembled from its driven ports: the use cases for API adapters and the entry point for
 * telephony reports.
 *
 * @param useCases        what API adapters drive
 * @param telephonyEvents what telephony adapters report to
 */
public record CallAutomationCore(CallUseCases useCases, HandleTelephonyEventUseCase telephonyEvents) {

    /**
     * @param workers runs the calls' serial executors; its tasks are short and never block
     */
    public static CallAutomationCore create(CallRegistry registry, Telephony telephony, CallEventPublisher publisher,
                                            MediaFetcher fetcher, IdGenerator ids, Clock clock, Executor workers,
                                            CallSettings settings) {
        Calls calls = new Calls(registry, publisher, new CallExecutors(workers));
        Legs legs = new Legs(telephony, calls);
        PlayService play = new PlayService(calls, telephony, fetcher, ids);
        ParticipantService participants = new ParticipantService(calls, legs, telephony, ids, settings);
        CallUseCases useCases = new CallUseCases(new CreateCallService(calls, legs, ids, clock, settings),
                new HangUpService(calls, telephony), play, play, participants, participants, new GetCallService(calls));
        return new CallAutomationCore(useCases, new TelephonyEventService(calls, telephony));
    }
}
