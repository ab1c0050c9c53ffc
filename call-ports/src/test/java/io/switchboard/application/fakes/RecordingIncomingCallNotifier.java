package io.switchboard.application.fakes;

import io.switchboard.application.port.out.IncomingCallNotice;
import io.switchboard.application.port.out.IncomingCallNotifier;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the incoming call notices the core sends. */
public final class RecordingIncomingCallNotifier implements IncomingCallNotifier {

    private final List<IncomingCallNotice> notices = new CopyOnWriteArrayList<>();

    @Override
    public void notify(IncomingCallNotice notice) {
        notices.add(notice);
    }

    public List<IncomingCallNotice> notices() {
        return List.copyOf(notices);
    }

    public IncomingCallNotice last() {
        if (notices.isEmpty()) {
            throw new AssertionError("no incoming call notice");
        }
        return notices.get(notices.size() - 1);
    }
}
