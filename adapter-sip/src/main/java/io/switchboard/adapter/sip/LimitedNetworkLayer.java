package io.switchboard.adapter.sip;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * JAIN-SIP's sockets ({@code gov.nist.javax.sip.NETWORK_LAYER}) with the {@link TcpLimits} of its stack: a TCP
 * connection from an address that holds {@code perAddress} already is closed as soon as it is accepted (before JAIN-SIP
 * gives it its threads), and every TCP connection, accepted or opened, is closed once nothing has arrived on it for
 * the idle time (a read timeout, which JAIN-SIP's reader treats as the connection's end). UDP is JAIN-SIP's own.
 *
 * <p>JAIN-SIP creates this class by name and hands it the stack; the limits come from the stack's properties
 * ({@link #properties(TcpLimits)}).
 */
public final class LimitedNetworkLayer implements NetworkLayer {

    private static final String PER_ADDRESS = "io.switchboard.sip.TCP_PER_ADDRESS";
    private static final String IDLE_MILLIS = "io.switchboard.sip.TCP_IDLE_MILLIS";
    private static final System.Logger LOG = System.getLogger(LimitedNetworkLayer.class.getName());

    private final NetworkLayer plain = DefaultNetworkLayer.SINGLETON;
    private final Map<InetAddress, Integer> accepted = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicBoolean refusalLogged = new AtomicBoolean();
    private volatile int perAddress = TcpLimits.defaults().perAddress();
    private volatile int idleMillis = (int) TcpLimits.defaults().idle().toMillis();
    private volatile DatagramSocket listening;

    /** The stack properties that make JAIN-SIP use this layer with {@code limits}. */
    static Properties properties(TcpLimits limits) {
        Properties p = new Properties();
        p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", LimitedNetworkLayer.class.getName());
        p.setProperty(PER_ADDRESS, Integer.toString(limits.perAddress()));
        p.setProperty(IDLE_MILLIS, Long.toString(limits.idle().toMillis()));
        return p;
    }

    @Override
    public void setSipStack(SipStackImpl stack) {
        Properties p = stack.getConfigurationProperties();
        perAddress = Integer.parseInt(p.getProperty(PER_ADDRESS, Integer.toString(perAddress)));
        idleMillis = Integer.parseInt(p.getProperty(IDLE_MILLIS, Integer.toString(idleMillis)));
    }

    /** TCP connections closed at once for coming from an address that held its share already. */
    long refused() {
        return refused.get();
    }

    /** The receive buffer of the UDP listening point, in bytes, as the kernel granted it; 0 before it is bound. */
    int udpReceiveBufferBytes() throws SocketException {
        DatagramSocket socket = listening;
        return socket == null ? 0 : socket.getReceiveBufferSize();
    }

    /** TCP connections accepted and not yet closed. */
    int open() {
        return accepted.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return new LimitedServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return idle(plain.createSocket(address, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return idle(plain.createSocket(address, port, myAddress));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        return idle(plain.createSocket(address, port, myAddress, myPort));
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return plain.createDatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress bindAddress) throws SocketException {
        DatagramSocket socket = plain.createDatagramSocket(port, bindAddress);
        listening = socket; // the stack's UDP listening point (the stack then sizes its buffers)
        return socket;
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) {
        throw new UnsupportedOperationException("SIP over TLS is not offered");
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) {
        throw new UnsupportedOperationException("SIP over TLS is not offered");
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress myAddress) {
        throw new UnsupportedOperationException("SIP over TLS is not offered");
    }

    private Socket idle(Socket socket) throws SocketException {
        socket.setSoTimeout(idleMillis);
        return socket;
    }

    /** Hands JAIN-SIP only the connections within the per-address share, each with the idle timeout. */
    private final class LimitedServerSocket extends ServerSocket {

        LimitedServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
            super(port, backlog, bindAddress);
        }

        @Override
        public Socket accept() throws IOException {
            while (true) {
                CountedSocket socket = new CountedSocket();
                implAccept(socket);
                InetAddress from = socket.getInetAddress();
                if (accepted.merge(from, 1, Integer::sum) <= perAddress) {
                    socket.from = from;
                    return idle(socket);
                }
                release(from);
                refused.incrementAndGet();
                if (refusalLogged.compareAndSet(false, true)) {
                    LOG.log(System.Logger.Level.WARNING, "SIP: TCP connections from " + from.getHostAddress()
                            + " over the share of " + perAddress + " per address are closed at once (logged once; see "
                            + TcpLimits.PER_ADDRESS + ")");
                }
                socket.closeQuietly();
            }
        }
    }

    private void release(InetAddress from) {
        accepted.computeIfPresent(from, (address, n) -> n > 1 ? n - 1 : null);
    }

    /** An accepted connection that gives its address's share back once closed. */
    private final class CountedSocket extends Socket {

        private volatile InetAddress from;
        private final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                if (from != null && closed.compareAndSet(false, true)) {
                    release(from);
                }
            }
        }

        void closeQuietly() {
            try {
                super.close();
            } catch (IOException ignored) {
                // the connection is gone either way
            }
        }
    }
}
