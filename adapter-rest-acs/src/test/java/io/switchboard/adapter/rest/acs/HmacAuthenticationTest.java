package io.switchboard.adapter.rest.acs;

import io.switchboard.application.fakes.TestCore;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.switchboard.adapter.rest.acs.ApiHarness.NOW;
import static io.switchboard.adapter.rest.acs.TestRequest.get;
import static io.switchboard.adapter.rest.acs.TestRequest.post;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class HmacAuthenticationTest {

    private static final String DENIED = "{\"code\":\"Denied\",\"message\":\"Denied by the resource provider.\"}";

    private final TestCore core = new TestCore();
    private ApiHarness api;
    private String callPath;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        api = ApiHarness.start(vertx, core.useCases(), ApiHarness.config(Optional.of("switchboard.example.com")));
        callPath = "/calls/" + OriginCalls.connected(core).id();
    }

    @Test
    void acceptsARequestSignedWithHostAndPortAsReceived() throws Exception {
        assertThat(api.send(get(callPath)).status()).isEqualTo(200);
    }

    @Test
    void acceptsARequestSignedWithTheHostnameAlone() throws Exception {
        assertThat(api.send(get(callPath).signedHost("127.0.0.1")).status()).isEqualTo(200);
    }

    @Test
    void acceptsARequestSignedWithTheForwardedHostOfATrustedProxyOnly(Vertx vertx) throws Exception {
        // given: the same request, through a proxy the server trusts and through one it does not
        ApiHarness behindProxy = ApiHarness.start(vertx, core.useCases(),
                ApiHarness.config(Optional.empty(), java.util.Set.of("127.0.0.1")));
        TestRequest request = get(callPath).header("X-Forwarded-Host", "acs.proxy.example:8443, inner.example")
                .signedHost("acs.proxy.example:8443");
        TestRequest again = get(callPath).header("X-Forwarded-Host", "acs.proxy.example:8443, inner.example")
                .signedHost("acs.proxy.example:8443");

        // when then
        assertThat(behindProxy.send(request).status()).isEqualTo(200);
        assertThat(api.send(again).status()).as("X-Forwarded-Host from an untrusted client").isEqualTo(401);
    }

    @Test
    void acceptsARequestSignedWithTheConfiguredPublicHost() throws Exception {
        assertThat(api.send(get(callPath).signedHost("switchboard.example.com")).status()).isEqualTo(200);
    }

    @Test
    void refusesARequestSignedForAnotherHost() throws Exception {
        assertThat(api.send(get(callPath).signedHost("evil.example.com")).body()).isEqualTo(DENIED);
    }

    @Test
    void acceptsTheQueryAsSentAndAsUrlSearchParamsReSerialisesIt() throws Exception {
        // given
        String sent = callPath + "?api-version=2021-03-28-preview0&note=a%20b~c:d";
        String reserialised = callPath + "?api-version=2021-03-28-preview0&note=a+b%7Ec%3Ad";

        // when
        ApiHarness.Reply asSent = api.send(get(sent));
        ApiHarness.Reply asJsSigns = api.send(get(sent).signedUri(reserialised));

        // then
        assertThat(asSent.status()).isEqualTo(200);
        assertThat(asJsSigns.status()).isEqualTo(200);
    }

    @Test
    void acceptsTheSameSignedRequestTwice() throws Exception {
        // given
        TestRequest request = post("/calls", OriginCalls.CREATE_BODY);

        // when
        ApiHarness.Reply first = api.send(request);
        ApiHarness.Reply replay = api.send(request);

        // then
        assertThat(first.status()).isEqualTo(200);
        assertThat(replay.status()).isEqualTo(200);
    }

    @Test
    void acceptsTheDateHeaderWhenXMsDateIsAbsent() throws Exception {
        assertThat(api.send(get(callPath).dateInDateHeader()).status()).isEqualTo(200);
    }

    @Test
    void acceptsADateWithinTheAllowedSkew() throws Exception {
        // when
        ApiHarness.Reply past = api.send(get(callPath).date(NOW.minus(Duration.ofMinutes(4))));
        ApiHarness.Reply future = api.send(get(callPath).date(NOW.plus(Duration.ofMinutes(4))));

        // then
        assertThat(past.status()).isEqualTo(200);
        assertThat(future.status()).isEqualTo(200);
    }

    @Test
    void refusesAStaleOrFutureDateBeyondTheSkew() throws Exception {
        // when
        ApiHarness.Reply stale = api.send(get(callPath).date(NOW.minus(Duration.ofMinutes(6))));
        ApiHarness.Reply future = api.send(get(callPath).date(NOW.plus(Duration.ofMinutes(6))));

        // then
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.body()).isEqualTo(DENIED);
        assertThat(future.status()).isEqualTo(401);
    }

    @Test
    void refusesARequestWithoutAuthorization() throws Exception {
        // when
        ApiHarness.Reply reply = api.send(get(callPath).unsigned());

        // then
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).isEqualTo(DENIED);
        assertThat(reply.headers().get("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void refusesABadSignature() throws Exception {
        // when
        ApiHarness.Reply reply = api.send(get(callPath).signature("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));

        // then
        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void refusesABodyOtherThanTheOneSigned() throws Exception {
        // given
        TestRequest tampered = post("/calls", OriginCalls.CREATE_BODY)
                .signedBody(OriginCalls.CREATE_BODY.replace("+14251001000", "+14251009999"));

        // when
        ApiHarness.Reply reply = api.send(tampered);

        // then
        assertThat(reply.status()).isEqualTo(401);
        assertThat(core.telephony.dialled()).hasSize(1); // only the call made in start()
    }

    @Test
    void refusesAPathOtherThanTheOneSigned() throws Exception {
        // when
        ApiHarness.Reply reply = api.send(TestRequest.post(callPath + "/Hangup").signedUri(callPath + "/PlayAudio"));

        // then
        assertThat(reply.status()).isEqualTo(401);
        assertThat(core.telephony.hungUp()).isEmpty();
    }

    @Test
    void refusesAnUnsignedRequestBeforeReportingItsMalformedBody() throws Exception {
        // when
        ApiHarness.Reply reply = api.send(post("/calls", "{\"targets\":[").unsigned());

        // then
        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void refusesAnUnsignedRequestToAnUnknownPath() throws Exception {
        assertThat(api.send(get("/nowhere").unsigned()).status()).isEqualTo(401);
    }
}
