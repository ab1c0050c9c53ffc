package io.switchboard.adapter.webhook;

import io.switchboard.client.CallbackHandler;
import io.switchboard.client.CallbackListener;
import io.switchboard.domain.event.CallEvent;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what a {@link CallbackHandler} passes on; can be told to refuse the next events by throwing. */
final class RecordingListener implements CallbackListener {

    /** An unknown event as passed on. */
    record Unknown(String type, JsonObject cloudEvent) {
    }

    final List<CallEvent> events = new CopyOnWriteArrayList<>();
    final List<Unknown> unknown = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusals = new AtomicInteger();

    void refuseNext(int count) {
        refusals.set(count);
    }

    @Override
    public void onEvent(CallEvent event) {
        if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("listener refuses " + event);
        }
        events.add(event);
    }

    @Override
    public void onUnknown(String type, JsonObject cloudEvent) {
        unknown.add(new Unknown(type, cloudEvent));
    }
}
