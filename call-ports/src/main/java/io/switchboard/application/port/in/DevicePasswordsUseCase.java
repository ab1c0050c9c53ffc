package io.switchboard.application.port.in;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What a SIP device registering for a user of the Identity API may give as its password: the last dot-separated part
 * (the signature) of any of the user's access tokens issued with the {@code voip} scope that has neither expired nor
 * been revoked. Non-blocking; thread-safe.
 */
public interface DevicePasswordsUseCase {

    /** The passwords valid now for the user {@code 8:acs:...}; none for a user that does not exist. */
    CompletionStage<List<String>> devicePasswords(String userId);
}
