package io.switchboard.adapter.sip;

/**
 * What the carrier behind the trunk takes: calls at once (its channels) and new calls per second. Calls beyond either
 * wait in order, their ring time running, and are never sent over the limit: a carrier answers a burst over its
 * limits with 403/503, which callers would see as "unavailable".
 *
 * @param maxCalls calls through the trunk at once, ringing or answered; 0: no limit
 * @param perSecond new calls (INVITEs) per second, evenly spaced; 0: no limit
 */
public record TrunkLimits(int maxCalls, int perSecond) {

    public static final String MAX_CALLS = "SWITCHBOARD_SIP_TRUNK_MAX_CALLS";
    public static final String PER_SECOND = "SWITCHBOARD_SIP_TRUNK_CPS";
    public static final TrunkLimits NONE = new TrunkLimits(0, 0);

    public TrunkLimits {
        if (maxCalls < 0 || maxCalls > 1_000_000) {
            throw new IllegalArgumentException(MAX_CALLS + ": " + maxCalls + " (expected: 0 for no limit, or the "
                    + "carrier's channels, e.g. 30)");
        }
        if (perSecond < 0 || perSecond > 10_000) {
            throw new IllegalArgumentException(PER_SECOND + ": " + perSecond + " (expected: 0 for no limit, or the "
                    + "carrier's calls per second, e.g. 10)");
        }
    }

    boolean limited() {
        return maxCalls > 0 || perSecond > 0;
    }
}
