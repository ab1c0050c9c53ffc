package io.switchboard.adapter.sip;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Properties;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * JAIN-SIP's own sockets ({@code gov.nist.javax.sip.NETWORK_LAYER}), except the UDP listening point's, which is an
 * {@link ExactDatagrams} and is remembered so that the start can say what receive buffer the kernel granted. SIP
 * over TCP does not come here: its connections are {@link TcpConnections}' channels. TLS is not offered.
 */
public final class SipNetworkLayer implements NetworkLayer {

    private final NetworkLayer plain = DefaultNetworkLayer.SINGLETON;
    private volatile DatagramSocket listening;

    /** The stack property that makes JAIN-SIP use this layer. */
    static Properties properties() {
        Properties p = new Properties();
        p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", SipNetworkLayer.class.getName());
        return p;
    }

    /** The receive buffer of the UDP listening point, in bytes, as the kernel granted it; 0 before it is bound. */
    int udpReceiveBufferBytes() throws SocketException {
        DatagramSocket socket = listening;
        return socket == null ? 0 : socket.getReceiveBufferSize();
    }

    @Override
    public void setSipStack(SipStackImpl stack) {
        // nothing to take from the stack
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return plain.createServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return plain.createSocket(address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress) throws IOException {
        return plain.createSocket(address, port, myAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        return plain.createSocket(address, port, myAddress, myPort);
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return plain.createDatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress bindAddress) throws SocketException {
        DatagramSocket socket = new ExactDatagrams(port, bindAddress);
        listening = socket; // the stack's UDP listening point (the stack then sizes its buffers)
        return socket;
    }

    /**
     * The UDP listening point's socket: it reads every datagram into one buffer of the largest size UDP carries and
     * gives the caller's packet a copy of exactly the bytes received, in place of the packet's own buffer whatever
     * its size. JAIN-SIP's reader makes a new buffer of its size limit for every datagram (it hands the packet to
     * another thread), which made most of what a call's set-up allocated: read here, a datagram costs its own length,
     * and messages up to the largest datagram are taken. One thread reads ({@link MessageProcessors} sizes its
     * buffer to {@value MessageProcessors#READER_BYTES} byte); {@code receive} is synchronized, as the JDK's is.
     */
    static final class ExactDatagrams extends DatagramSocket {

        /** The largest UDP payload over IPv4. */
        static final int LARGEST = 65_507;

        private final byte[] buffer = new byte[LARGEST];
        private final DatagramPacket into = new DatagramPacket(buffer, LARGEST);

        ExactDatagrams(int port, InetAddress address) throws SocketException {
            super(port, address);
        }

        @Override
        public synchronized void receive(DatagramPacket packet) throws IOException {
            into.setLength(LARGEST); // a receive leaves the length at the datagram's
            super.receive(into);
            packet.setData(Arrays.copyOf(buffer, into.getLength()));
            packet.setSocketAddress(into.getSocketAddress());
        }
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
}
