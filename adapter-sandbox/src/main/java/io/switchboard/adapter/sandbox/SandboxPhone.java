package io.switchboard.adapter.sandbox;

import io.switchboard.domain.call.ResultInformation;
import io.switchboard.domain.participant.CommunicationIdentifier;
import io.switchboard.domain.participant.CommunicationUserIdentifier;
import io.switchboard.domain.participant.PhoneNumberIdentifier;

import java.util.Optional;
import java.util.regex.Pattern;

/** The scripted phones of the sandbox network: what each target does when dialled. */
enum SandboxPhone {
    /** Answers and stays until hung up. */
    ANSWERS,
    /** Answers and presses 1 after each playback that reached it. */
    PRESSES_ONE,
    /** Answers and hangs up by itself a while later. */
    HANGS_UP,
    /** Answers, and says "yes" when a recognition listens to it. */
    SAYS_YES,
    /** Answers, and says "I would like to pay my bill" when a recognition listens to it. */
    SAYS_PAY_MY_BILL,
    /** Rejects the call as busy (486). */
    BUSY,
    /** Rejects the call as unavailable (480). */
    UNAVAILABLE,
    /** Rings until the ring timeout. */
    NEVER_ANSWERS,
    /** Any other target: rejected as not found (404). */
    NOT_FOUND;

    /** The sandbox block: +1 555 010 followed by four digits. */
    private static final Pattern BLOCK = Pattern.compile("\\+1555010[0-9]{4}");
    private static final String USER_PREFIX = "8:acs:sandbox_";

    /** Whether the target is a sandbox number or a sandbox VoIP user. */
    static boolean reaches(CommunicationIdentifier target) {
        if (target instanceof PhoneNumberIdentifier phone) {
            return BLOCK.matcher(phone.value()).matches();
        }
        return target instanceof CommunicationUserIdentifier user && user.id().startsWith(USER_PREFIX);
    }

    /** The phone behind a target; targets outside the sandbox are {@link #NOT_FOUND}. */
    static SandboxPhone of(CommunicationIdentifier target) {
        if (!reaches(target)) {
            return NOT_FOUND;
        }
        if (target instanceof CommunicationUserIdentifier) {
            return ANSWERS;
        }
        return switch (((PhoneNumberIdentifier) target).value()) {
            case "+15550100001" -> ANSWERS;
            case "+15550100002" -> PRESSES_ONE;
            case "+15550100003" -> HANGS_UP;
            case "+15550100004" -> SAYS_YES;
            case "+15550100005" -> SAYS_PAY_MY_BILL;
            case "+15550100486" -> BUSY;
            case "+15550100480" -> UNAVAILABLE;
            case "+15550100408" -> NEVER_ANSWERS;
            default -> NOT_FOUND;
        };
    }

    boolean answers() {
        return this == ANSWERS || this == PRESSES_ONE || this == HANGS_UP || says().isPresent();
    }

    /** What the phone says when listened to, if it speaks. */
    Optional<String> says() {
        return switch (this) {
            case SAYS_YES -> Optional.of("yes");
            case SAYS_PAY_MY_BILL -> Optional.of("I would like to pay my bill");
            default -> Optional.empty();
        };
    }

    /** Why this phone rejects a call to the target, if it does: the SIP final response it would send. */
    Optional<ResultInformation> rejection(CommunicationIdentifier target) {
        return switch (this) {
            case BUSY -> Optional.of(ResultInformation.busy("486 Busy Here"));
            case UNAVAILABLE -> Optional.of(ResultInformation.unavailable("480 Temporarily Unavailable"));
            case NOT_FOUND -> Optional.of(ResultInformation.unreachable(
                    "404 Not Found: " + describe(target) + " is not a sandbox number"));
            case ANSWERS, PRESSES_ONE, HANGS_UP, SAYS_YES, SAYS_PAY_MY_BILL, NEVER_ANSWERS -> Optional.empty();
        };
    }

    private static String describe(CommunicationIdentifier target) {
        return target instanceof PhoneNumberIdentifier phone ? phone.value() : target.rawId();
    }
}
