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
import java.util.Properties;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * JAIN-SIP's own sockets ({@code gov.nist.javax.sip.NETWORK_LAYER}), remembering the UDP listening point's socket so
 * that the start can say what receive buffer the kernel granted. SIP over TCP does not come here: its connections are
 * {@link TcpConnections}' channels. TLS is not offered.
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
}
