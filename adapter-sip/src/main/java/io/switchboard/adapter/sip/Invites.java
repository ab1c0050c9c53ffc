package io.switchboard.adapter.sip;

import io.switchboard.adapter.sip.digest.Digest;
import io.switchboard.adapter.sip.digest.DigestChallenge;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.Header;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** Builds the INVITEs of outbound legs: the first one, and the retry answering a digest challenge. Thread-safe. */
final class Invites {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SipEndpoint sip;

    Invites(SipEndpoint sip) {
        this.sip = sip;
    }

    /** A dialog-creating INVITE with a new Call-ID, From tag and the SDP offer. */
    Request create(Route route, String sdpOffer) throws Exception {
        SipTransport transport = route.target().transport();
        SipURI requestUri = sip.addresses.createSipURI(route.target().user().orElse(null), route.target().host());
        requestUri.setPort(route.target().port());
        Address to = sip.addresses.createAddress((SipURI) requestUri.clone());
        if (transport != SipTransport.UDP) {
            // The stack picks the transport of a request (and of its CANCEL and ACK) from its Request-URI.
            requestUri.setTransportParam(transport.token());
        }
        Address from = sip.addresses.createAddress(sip.addresses.createSipURI(route.fromUser(), route.fromHost()));
        Request invite = sip.messages.createRequest(requestUri, Request.INVITE, sip.provider.getNewCallId(),
                sip.headers.createCSeqHeader(1L, Request.INVITE),
                sip.headers.createFromHeader(from, random(8)),
                sip.headers.createToHeader(to, null),
                List.of(sip.via(transport)),
                sip.headers.createMaxForwardsHeader(70));
        invite.addHeader(sip.contact(transport));
        sip.capabilities(invite); // Supported: timer, so the answer may set a session timer (RFC 4028)
        if (route.assertedIdentity().isPresent()) {
            invite.addHeader(sip.headers.createHeader("P-Asserted-Identity", route.assertedIdentity().get()));
        }
        invite.setContent(sdpOffer, sip.headers.createContentTypeHeader("application", "sdp"));
        return invite;
    }

    /**
     * The request (INVITE, REGISTER) to send after a 401 or 407 (RFC 3261 §22.2): same Call-ID and From tag, next
     * CSeq, new branch, credentials for the challenge.
     *
     * @throws IllegalArgumentException when the challenge cannot be answered (not Digest MD5 with qop auth or none)
     */
    Request authorized(Request previous, Response challenge, SipTrunk trunk) throws Exception {
        boolean proxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
        Header header = challenge.getHeader(proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME);
        if (header == null) {
            throw new IllegalArgumentException("challenge: " + challenge.getStatusCode() + " without "
                    + (proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME));
        }
        String value = header.toString();
        DigestChallenge digest = DigestChallenge.parse(value.substring(value.indexOf(':') + 1).trim());
        Request next = (Request) previous.clone();
        CSeqHeader cseq = (CSeqHeader) next.getHeader(CSeqHeader.NAME);
        cseq.setSeqNumber(cseq.getSeqNumber() + 1);
        SipTransport transport = SipEndpoint.transportOf(previous);
        next.removeHeader(ViaHeader.NAME);
        next.addHeader(sip.via(transport));
        String credentials = Digest.authorization(digest, trunk.username().orElseThrow(),
                trunk.password().orElseThrow(), next.getMethod(), next.getRequestURI().toString(), 1, random(8));
        next.setHeader(sip.headers.createHeader(proxy ? "Proxy-Authorization" : "Authorization", credentials));
        return next;
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
