package io.switchboard.adapter.console;

import io.switchboard.application.port.in.CallHistoryUseCase;
import io.switchboard.application.port.in.CreateCallUseCase;
import io.switchboard.application.port.in.GetCallUseCase;
import io.switchboard.application.port.in.HangUpUseCase;
import io.switchboard.application.port.in.LiveCallsUseCase;
import io.switchboard.application.port.in.ResendEventUseCase;
import io.switchboard.domain.call.LegId;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the console shows and acts on.
 *
 * @param figures   the server's key figures now (active calls, webhook counts, RTP sessions, ...), by name; called
 *                  from the event loop, so it must not block
 * @param settings  the server's settings in force, by name, secrets already hidden
 * @param accessKey the decoded access key: the console's login
 * @param testCalls where the events of the test calls placed from the console go (the console's own sink)
 * @param codecs    the codec of a leg, where telephony knows it (answered SIP legs); called on event loops
 */
public record ConsoleSources(LiveCallsUseCase live, GetCallUseCase calls, CallHistoryUseCase history,
                             ResendEventUseCase resend, HangUpUseCase hangUp, CreateCallUseCase createCall,
                             Supplier<Map<String, Number>> figures, Map<String, String> settings, byte[] accessKey,
                             Supplier<URI> testCalls, Function<LegId, Optional<String>> codecs) {

    public ConsoleSources {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(resend, "resend");
        Objects.requireNonNull(hangUp, "hangUp");
        Objects.requireNonNull(createCall, "createCall");
        Objects.requireNonNull(figures, "figures");
        settings = Map.copyOf(settings);
        if (accessKey == null || accessKey.length == 0) {
            throw new IllegalArgumentException("accessKey: empty (expected: the decoded access key)");
        }
        accessKey = accessKey.clone();
        Objects.requireNonNull(testCalls, "testCalls");
        Objects.requireNonNull(codecs, "codecs");
    }
}
