package io.switchboard.adapter.sip;

import gov.nist.core.HostPort;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.NIOHandler;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * SIP over TCP on one selector thread for every connection (JAIN-SIP's NIO processor), within the {@link TcpLimits}
 * of its stack: a connection from an address that holds {@code perAddress} already, or beyond
 * {@link TcpLimits#MAX_CONNECTIONS} in all, is closed as soon as it is accepted; a connection on which nothing has
 * arrived or been sent for the idle time is closed (JAIN-SIP's idle auditor, {@code NIO_MAX_SOCKET_IDLE_TIME}); a
 * message declaring a body over the stack's message size is refused before its body arrives and the connection closed
 * ({@link ContentLengthGuard}).
 *
 * <p>It also mends JAIN-SIP 1.3.0-91's NIO socket table, which forgets every connection it opens as soon as it opened
 * it (its {@code connected} flag is never set) and never learns the ones it accepts: the next message to that peer
 * opened a second connection and lost the first one's, so responses, CANCEL and in-dialog requests over TCP went
 * nowhere. Here the table keeps every connection, opened or accepted, until it closes.
 */
final class TcpConnections extends NioTcpMessageProcessor {

    private static final String PER_ADDRESS = "io.switchboard.sip.TCP_PER_ADDRESS";
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("[0-9.]+|.*:.*");
    private static final System.Logger LOG = System.getLogger(TcpConnections.class.getName());

    private final int perAddress;
    private final int maxBodyBytes;
    private final Sockets sockets;
    private final Map<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();
    private final Map<SocketChannel, InetAddress> accepted = new ConcurrentHashMap<>();
    private final Map<String, Object> opening = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicBoolean refusalLogged = new AtomicBoolean();

    TcpConnections(InetAddress address, SIPTransactionStack stack, int port) {
        super(address, stack, port);
        Properties p = ((SipStackImpl) stack).getConfigurationProperties();
        perAddress = Integer.parseInt(p.getProperty(PER_ADDRESS, Integer.toString(TcpLimits.defaults().perAddress())));
        maxBodyBytes = stack.getMaxMessageSize();
        sockets = new Sockets(stack, this);
        nioHandler = sockets;
    }

    /** The stack properties for {@code limits}: each connection's share and JAIN-SIP's idle time. */
    static Properties properties(TcpLimits limits) {
        Properties p = new Properties();
        p.setProperty(PER_ADDRESS, Integer.toString(limits.perAddress()));
        p.setProperty("gov.nist.javax.sip.NIO_MAX_SOCKET_IDLE_TIME", Long.toString(limits.idle().toMillis()));
        return p;
    }

    /** Connections accepted and not yet closed. */
    int open() {
        return accepted.size();
    }

    /** Connections closed as soon as accepted, their address holding its share (or all connections taken). */
    long refused() {
        return refused.get();
    }

    /**
     * Whether a connection to {@code host:port} is open now, so that a message to it is written at once. Only an
     * address literal is looked up (a name would need DNS): for a name this says no.
     */
    boolean isOpenTo(String host, int port) {
        if (!ADDRESS_LITERAL.matcher(host).matches()) {
            return false;
        }
        try {
            ConnectionOrientedMessageChannel channel = messageChannels.get(
                    MessageChannel.getKey(InetAddress.getByName(host), port, transport));
            return channel instanceof NioTcpMessageChannel open && open.getSocketChannel() != null
                    && open.getSocketChannel().isOpen();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Opens a connection to {@code host:port} (looking the name up first) unless one is open; blocks up to the
     * stack's connection timeout, so never on the signalling thread. The stack's next message to there uses it.
     *
     * @throws IOException naming the address when it cannot connect
     */
    void open(String host, int port) throws IOException {
        createMessageChannel(InetAddress.getByName(host), port);
    }

    /** An accepted connection: counted against its address's share, or closed at once beyond it. */
    @Override
    public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel client)
            throws IOException {
        InetAddress from = client.socket().getInetAddress();
        if (accepted.size() >= TcpLimits.MAX_CONNECTIONS) {
            refuse(client, from);
        }
        if (byAddress.merge(from, 1, Integer::sum) > perAddress) {
            release(from);
            refuse(client, from);
        }
        accepted.put(client, from);
        NioTcpMessageChannel channel = new GuardedChannel(this, client);
        nioHandler.putMessageChannel(client, channel);
        sockets.keep(client);
        return channel;
    }

    @Override
    public MessageChannel createMessageChannel(HostPort target) throws IOException {
        return createMessageChannel(target.getInetAddress(), target.getPort());
    }

    /**
     * A connection this side opens to {@code host:port}, or the one open to it already. Opening one blocks only the
     * callers that want the same address (JAIN-SIP's own holds the processor's lock meanwhile, which stalled every
     * other connection's messages for as long as one peer took to answer).
     */
    @Override
    public MessageChannel createMessageChannel(InetAddress host, int port) throws IOException {
        String key = MessageChannel.getKey(host, port, transport);
        ConnectionOrientedMessageChannel channel = messageChannels.get(key);
        if (channel != null) {
            return channel;
        }
        Object lock = opening.computeIfAbsent(key, k -> new Object());
        try {
            synchronized (lock) {
                channel = messageChannels.get(key);
                if (channel == null) {
                    channel = new GuardedChannel(host, port, sipStack, this);
                    messageChannels.put(key, channel);
                    selector.wakeup(); // to register the new connection for reading
                }
                return channel;
            }
        } catch (IOException e) {
            throw new IOException("could not connect to " + host.getHostAddress() + ":" + port + " (" + e.getMessage()
                    + ")", e);
        } finally {
            opening.remove(key, lock);
        }
    }

    private void refuse(SocketChannel client, InetAddress from) throws IOException {
        refused.incrementAndGet();
        client.close();
        if (refusalLogged.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "SIP: TCP connections from " + from.getHostAddress() + " over the share"
                    + " of " + perAddress + " per address (or beyond " + TcpLimits.MAX_CONNECTIONS + " in all) are "
                    + "closed at once (logged once; see " + TcpLimits.PER_ADDRESS + ")");
        }
        throw new IOException("SIP over TCP: connection from " + from.getHostAddress() + " closed (over its share or "
                + "the cap)");
    }

    private void release(InetAddress from) {
        byAddress.computeIfPresent(from, (address, n) -> n > 1 ? n - 1 : null);
    }

    /** JAIN-SIP's socket table, which keeps the connections opened and accepted and gives shares back on close. */
    private final class Sockets extends NIOHandler {

        Sockets(SIPTransactionStack stack, NioTcpMessageProcessor processor) {
            super(stack, processor);
        }

        /**
         * One attempt of {@link SipEndpoint#CONNECT_TIMEOUT_MILLIS} (JAIN-SIP's own tries twice, doubling the wait
         * for a peer that drops the attempt), and the connection kept in the table.
         */
        @Override
        public SocketChannel createOrReuseSocket(InetAddress address, int port) throws IOException {
            String key = makeKey(address, port);
            SocketChannel open = getSocket(key);
            if (open != null && open.isOpen() && (open.isConnected() || open.isConnectionPending())) {
                return open;
            }
            SocketChannel opened = TcpConnections.this.connect(new InetSocketAddress(address, port), getIpAddress(),
                    SipEndpoint.CONNECT_TIMEOUT_MILLIS);
            putSocket(key, opened);
            return opened;
        }

        /** An accepted connection, so that responses and requests to where it came from go over it. */
        void keep(SocketChannel accepted) {
            putSocket(makeKey(accepted.socket().getInetAddress(), accepted.socket().getPort()), accepted);
        }

        @Override
        public void removeMessageChannel(SocketChannel socket) {
            super.removeMessageChannel(socket);
            InetAddress from = accepted.remove(socket);
            if (from != null) {
                release(from);
            }
        }
    }

    /** JAIN-SIP's NIO channel with the {@link ContentLengthGuard} in front of its parser. */
    private final class GuardedChannel extends NioTcpMessageChannel {

        private final ContentLengthGuard guard = new ContentLengthGuard(maxBodyBytes);

        /** Accepted. */
        GuardedChannel(NioTcpMessageProcessor processor, SocketChannel client) throws IOException {
            super(processor, client);
            messageProcessor = processor;
            myClientInputStream = client.socket().getInputStream();
        }

        /** Opened to {@code host:port}. */
        GuardedChannel(InetAddress host, int port, SIPTransactionStack stack, NioTcpMessageProcessor processor)
                throws IOException {
            super(host, port, stack, processor);
            isCached = true;
        }

        @Override
        protected void addBytes(byte[] bytes) throws Exception {
            guard.accept(bytes);
            super.addBytes(bytes);
        }
    }
}
