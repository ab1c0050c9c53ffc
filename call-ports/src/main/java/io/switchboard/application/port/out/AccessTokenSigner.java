package io.switchboard.application.port.out;

import java.time.Instant;
import java.util.List;

/** Makes the signed access tokens of users (their format and key are the signer's). Thread-safe. */
public interface AccessTokenSigner {

    /** The prefix of the identifiers of the users this server creates: {@code 8:acs:<resource>_}. */
    String userIdPrefix();

    String sign(String userId, List<String> scopes, Instant issuedAt, Instant expiresOn);
}
