package io.switchboard.adapter.sip;

import gov.nist.javax.sip.message.SIPRequest;
import io.switchboard.adapter.sip.digest.DigestCredentials;
import io.switchboard.application.port.in.DevicePasswordsUseCase;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The registrar of the users created through the Identity API (RFC 3261 §10.3). A SIP device registers as
 * {@code sip:<resource>_<id>@<this server>} (the user's id without its {@code 8:acs:}), answering the Digest challenge
 * (realm {@value #REALM}, MD5, qop auth) with that same {@code <resource>_<id>} as username and one of the user's live
 * access tokens with the {@code voip} scope as password. From then until the registration expires (asked for with
 * {@code Expires}, 60 s to an hour, an hour by default; 0 removes it), a call to {@code 8:acs:<resource>_<id>} rings
 * that device. One device per user: the last registration wins. A device behind NAT is reached where its REGISTER
 * came from. Confined to the signalling thread; the passwords are looked up off it.
 */
final class Registrar {

    static final String REALM = "switchboard";
    private static final String USER_PREFIX = "8:acs:";
    private static final Duration DEFAULT_EXPIRY = Duration.ofHours(1);
    private static final Duration MIN_EXPIRY = Duration.ofSeconds(60);
    private static final Duration NONCE_LIFE = Duration.ofMinutes(5);
    private static final System.Logger LOG = System.getLogger(SipTelephony.class.getName());

    private final SipEndpoint sip;
    private final SignallingThread thread;
    private final DevicePasswordsUseCase passwords;
    private final Registrations registrations;
    private final Clock clock;
    private final SecretKeySpec nonceKey;
    private long refused;

    Registrar(SipEndpoint sip, SignallingThread thread, DevicePasswordsUseCase passwords,
              Registrations registrations, Clock clock) {
        this.sip = sip;
        this.thread = thread;
        this.passwords = passwords;
        this.registrations = registrations;
        this.clock = clock;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.nonceKey = new SecretKeySpec(key, "HmacSHA256");
    }

    void onRegister(RequestEvent event) throws Exception {
        ServerTransaction tx;
        try {
            tx = sip.serverTransaction(event);
        } catch (TransactionAlreadyExistsException retransmission) {
            return;
        }
        Request request = event.getRequest();
        Optional<String> user = userOf(request);
        if (user.isEmpty()) {
            sip.respond(tx, sip.response(request, Response.NOT_FOUND, null));
            return;
        }
        AuthorizationHeader authorization = (AuthorizationHeader) request.getHeader(AuthorizationHeader.NAME);
        if (authorization == null) {
            challenge(tx, false);
            return;
        }
        DigestCredentials credentials;
        try {
            credentials = DigestCredentials.parse(authorization.toString()
                    .substring(authorization.toString().indexOf(':') + 1).trim());
        } catch (IllegalArgumentException e) {
            sip.respond(tx, sip.response(request, Response.BAD_REQUEST, null));
            return;
        }
        if (!credentials.username().equals(user.get()) || !credentials.realm().equals(REALM)) {
            refuse(tx, user.get(), "credentials for another user or realm");
            return;
        }
        Optional<Instant> issued = nonceIssuedAt(credentials.nonce());
        if (issued.isEmpty() || issued.get().plus(NONCE_LIFE).isBefore(clock.instant())) {
            challenge(tx, issued.isPresent());
            return;
        }
        String userId = USER_PREFIX + user.get();
        passwords.devicePasswords(userId).whenComplete((valid, error) -> thread.executeFirst("REGISTER " + userId,
                () -> checked(tx, userId, credentials, error == null ? valid : List.of())));
    }

    private void checked(ServerTransaction tx, String userId, DigestCredentials credentials, List<String> valid)
            throws Exception {
        if (valid.stream().noneMatch(password -> credentials.madeWith(password, Request.REGISTER))) {
            refuse(tx, userId, "wrong credentials (the password is one of the user's live voip tokens)");
            return;
        }
        Request request = tx.getRequest();
        ContactHeader contact = (ContactHeader) request.getHeader(ContactHeader.NAME);
        long seconds = expiry(request, contact);
        Response response = sip.response(request, Response.OK, null);
        if (contact == null || contact.isWildCard() || seconds == 0) {
            registrations.unbind(userId);
            LOG.log(Level.INFO, "SIP registrar: {0} unregistered", userId);
        } else {
            SipUri device = reachable(request, (SipURI) contact.getAddress().getURI());
            InetAddress source = ((SIPRequest) request).getRemoteAddress();
            boolean moved = registrations.bind(userId, device, source, clock.instant().plusSeconds(seconds));
            ContactHeader bound = (ContactHeader) contact.clone();
            bound.setExpires((int) seconds);
            response.addHeader(bound);
            if (moved) { // a refresh from where it was is not news
                LOG.log(Level.INFO, "SIP registrar: {0} registered at {1} for {2} s", userId, device, seconds);
            }
        }
        sip.respond(tx, response);
    }

    /** The To user of a REGISTER for an Identity API user: {@code <resource>_<id>}, no {@code :} in it. */
    private static Optional<String> userOf(Request request) {
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        if (!(to.getAddress().getURI() instanceof SipURI uri) || uri.getUser() == null || uri.getUser().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(uri.getUser());
    }

    /** The Contact's {@code expires}, else the {@code Expires} header, else an hour; from a minute to an hour. */
    private static long expiry(Request request, ContactHeader contact) {
        ExpiresHeader header = (ExpiresHeader) request.getHeader(ExpiresHeader.NAME);
        long asked = contact != null && contact.getExpires() >= 0 ? contact.getExpires()
                : header != null ? header.getExpires() : DEFAULT_EXPIRY.toSeconds();
        return asked == 0 ? 0 : Math.max(MIN_EXPIRY.toSeconds(), Math.min(DEFAULT_EXPIRY.toSeconds(), asked));
    }

    /**
     * The device's Contact, or where its REGISTER came from when that is another address than its Contact's (the
     * device is behind NAT and names its private address; its NAT keeps that source open while it refreshes).
     */
    private static SipUri reachable(Request request, SipURI contact) {
        SIPRequest received = (SIPRequest) request;
        SipTransport transport = SipEndpoint.transportOf(request);
        int port = contact.getPort() > 0 ? contact.getPort() : SipUri.DEFAULT_PORT;
        InetAddress source = received.getRemoteAddress();
        if (source != null && !source.getHostAddress().equals(contact.getHost())) {
            return new SipUri(Optional.ofNullable(contact.getUser()), Optional.empty(), source.getHostAddress(),
                    received.getRemotePort(), transport);
        }
        return new SipUri(Optional.ofNullable(contact.getUser()), Optional.empty(), contact.getHost(), port, transport);
    }

    private void challenge(ServerTransaction tx, boolean stale) throws Exception {
        Response response = sip.response(tx.getRequest(), Response.UNAUTHORIZED, null);
        WWWAuthenticateHeader header = sip.headers.createWWWAuthenticateHeader("Digest");
        header.setRealm(REALM);
        header.setNonce(nonce(clock.instant()));
        header.setAlgorithm("MD5");
        header.setQop("auth");
        if (stale) {
            header.setStale(true);
        }
        response.addHeader(header);
        sip.respond(tx, response);
    }

    /** Refuses with 403; logged once every 1000 refusals, so that guessing costs the log nothing. */
    private void refuse(ServerTransaction tx, String user, String why) throws Exception {
        if (refused++ % 1000 == 0) {
            LOG.log(Level.WARNING, "SIP registrar: REGISTER for {0} from {1} refused (403): {2} ({3} refused so far)",
                    user, ((SIPRequest) tx.getRequest()).getRemoteAddress(), why, refused);
        }
        sip.respond(tx, sip.response(tx.getRequest(), Response.FORBIDDEN, null));
    }

    /** A nonce that needs no memory: when it was made, and a MAC of that under a key of this process. */
    private String nonce(Instant at) {
        byte[] time = ByteBuffer.allocate(Long.BYTES).putLong(at.toEpochMilli()).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(time) + "." + mac(time);
    }

    /** When a nonce of ours was made; empty for one we did not make. */
    private Optional<Instant> nonceIssuedAt(String nonce) {
        int dot = nonce.indexOf('.');
        try {
            byte[] time = Base64.getUrlDecoder().decode(nonce.substring(0, Math.max(dot, 0)));
            if (dot < 0 || time.length != Long.BYTES || !MessageDigest.isEqual(mac(time).getBytes(
                    StandardCharsets.US_ASCII), nonce.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
                return Optional.empty();
            }
            return Optional.of(Instant.ofEpochMilli(ByteBuffer.wrap(time).getLong()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(nonceKey);
            return HexFormat.of().formatHex(mac.doFinal(data), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
