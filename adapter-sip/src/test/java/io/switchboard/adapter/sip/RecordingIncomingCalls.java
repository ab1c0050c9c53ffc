package io.switchboard.adapter.sip;

import io.switchboard.application.port.in.HandleIncomingCallUseCase;
import io.switchboard.application.port.in.IncomingCallOffer;
import io.switchboard.application.port.out.OfferedCall;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the calls the adapter offers and withdraws, in order, and waits for them. */
final class RecordingIncomingCalls implements HandleIncomingCallUseCase {

    private final List<IncomingCallOffer> offers = new CopyOnWriteArrayList<>();
    private final List<OfferedCall> withdrawn = new CopyOnWriteArrayList<>();

    @Override
    public void offered(IncomingCallOffer offer) {
        offers.add(offer);
    }

    @Override
    public void withdrawn(OfferedCall call) {
        withdrawn.add(call);
    }

    List<IncomingCallOffer> offers() {
        return List.copyOf(offers);
    }

    List<OfferedCall> withdrawn() {
        return List.copyOf(withdrawn);
    }

    /** Waits for the first offer. */
    IncomingCallOffer awaitOffer(Duration timeout) throws InterruptedException {
        await(offers, timeout, "offer");
        return offers.get(0);
    }

    /** Waits for the first withdrawal. */
    OfferedCall awaitWithdrawn(Duration timeout) throws InterruptedException {
        await(withdrawn, timeout, "withdrawal");
        return withdrawn.get(0);
    }

    private static void await(List<?> list, Duration timeout, String what) {
        Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(10)).until(() -> !list.isEmpty());
    }
}
