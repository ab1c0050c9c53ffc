package io.switchboard.client;

import io.switchboard.domain.event.CallEvent;
import io.vertx.core.json.JsonObject;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Receives the callbacks a {@link CallbackHandler} has verified, de-duplicated and decoded.
 *
 * <p><b>Threading.</b> Called on the Vert.x event loop of the request, one event at a time per request; requests of
 * different calls may arrive on different event loops at once. Must not block: hand long work on and return.
 *
 * <p><b>Acceptance.</b> Returning normally accepts the event: the handler remembers its id and answers 200. Throwing
 * refuses it: the handler forgets the id and answers 500, so the sender delivers the same event again later.
 */
public interface CallbackListener {

    /** A callback decoded into its domain event. */
    void onEvent(CallEvent event);

    /**
     * A verified callback that is not decoded: its type is not one this handler knows (a newer server, another API
     * flavour), or its data does not fit the type. Passed on rather than dropped. A call ringing at the server comes
     * this way when the handler also serves {@code SWITCHBOARD_INCOMING_CALL_URL}: type
     * {@code Microsoft.Communication.IncomingCall}, the Event Grid event whose {@code data.incomingCallContext}
     * answers it ({@code GaCallClient.answerCall}).
     *
     * @param type       the CloudEvent {@code type} (Event Grid: {@code eventType}), e.g.
     *                   {@code Microsoft.Communication.RecognizeCompleted}
     * @param cloudEvent the whole event as received
     */
    void onUnknown(String type, JsonObject cloudEvent);

    /** A listener made of two functions, e.g. method references. */
    static CallbackListener of(Consumer<CallEvent> events, BiConsumer<String, JsonObject> unknown) {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(unknown, "unknown");
        return new CallbackListener() {
            @Override
            public void onEvent(CallEvent event) {
                events.accept(event);
            }

            @Override
            public void onUnknown(String type, JsonObject cloudEvent) {
                unknown.accept(type, cloudEvent);
            }
        };
    }
}
