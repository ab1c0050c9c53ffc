package io.switchboard.adapter.media;

import io.switchboard.application.port.out.MediaStreams;
import io.switchboard.application.port.out.OutboundPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link MediaStreams} over WebSocket, as ACS streams media: the server connects to the application's
 * {@code transportUrl} ({@code ws://} or {@code wss://}), first sends {@code AudioMetadata}, then {@code AudioData}
 * frames of 20 ms of base64 16-bit PCM at the stream's rate (each participant's apart, or mixed), and
 * {@code DtmfData} for key presses; it reads {@code AudioData} and {@code StopAudio} back. The host is resolved and
 * checked against the {@link OutboundPolicy} before connecting, and the connection goes to the address checked.
 *
 * <p>Threading: each connection lives on one event-loop context. Audio handed to it from other threads is queued
 * there, at most {@value StreamSocket#MAX_QUEUED_FRAMES} frames per connection: a consumer that does not keep up
 * loses frames (counted), it never holds up the caller.
 */
public final class WebSocketMediaStreams implements MediaStreams, AutoCloseable {

    /** The largest message read back: a minute of 24 kHz audio, base64-encoded, in one message. */
    static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final WebSocketClient client;
    private final OutboundPolicy outbound;
    private final AtomicLong droppedFrames = new AtomicLong();

    private WebSocketMediaStreams(Vertx vertx, OutboundPolicy outbound) {
        this.vertx = vertx;
        this.outbound = outbound;
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
                .setMaxFrameSize(MAX_MESSAGE_BYTES)
                .setMaxMessageSize(MAX_MESSAGE_BYTES)
                .setMaxConnections(Integer.MAX_VALUE));
    }

    /** Streams to the applications' WebSockets at the addresses {@code outbound} allows. */
    public static WebSocketMediaStreams create(Vertx vertx, OutboundPolicy outbound) {
        return new WebSocketMediaStreams(vertx, outbound);
    }

    @Override
    public CompletionStage<Connection> open(Request request, Inbound inbound) {
        URI url = request.spec().transportUrl();
        boolean secure = "wss".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() >= 0 ? url.getPort() : secure ? 443 : 80;
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        Future<InetAddress> checked = vertx.executeBlocking(() -> InetAddress.getAllByName(url.getHost()), false)
                .recover(e -> Future.failedFuture("the host " + url.getHost() + " is not known"))
                .compose(addresses -> outbound.refusal(addresses).<Future<InetAddress>>map(Future::failedFuture)
                        .orElseGet(() -> Future.succeededFuture(addresses[0])));
        return checked.compose(address -> client.connect(new WebSocketConnectOptions()
                        .setHost(url.getHost())
                        .setPort(port)
                        .setSsl(secure)
                        .setURI(path)
                        .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                        .addHeader("x-ms-call-connection-id", request.call().value())
                        .setTimeout(CONNECT_TIMEOUT.toMillis())))
                .recover(e -> Future.failedFuture(HttpDownloader.redacted(url) + ": " + e.getMessage()))
                .<Connection>map(socket -> StreamSocket.open(vertx, socket, request, inbound, droppedFrames))
                .toCompletionStage();
    }

    /** Frames not sent over all connections because their consumers did not keep up. */
    public long droppedFrames() {
        return droppedFrames.get();
    }

    @Override
    public void close() {
        client.close();
    }
}
