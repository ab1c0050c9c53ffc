package io.switchboard.adapter.sip;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;

/**
 * The stack's message processors ({@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}): SIP over TCP on
 * {@link TcpConnections} (one selector thread for every connection, within the stack's {@link TcpLimits}), and
 * JAIN-SIP's own UDP processor, reading from {@link SipNetworkLayer.ExactDatagrams}: its reader allocates a buffer of
 * its size limit anew for every datagram (64 KiB by default, which SIP over TCP needs), which the socket then replaces
 * with a copy of the datagram; so that buffer is made {@value #READER_BYTES} byte. During a ramp of 100 set-ups a
 * second the 64 KiB buffers were half of everything the server allocated, and every young collection stops the media
 * pacers.
 *
 * <p>The UDP processor takes its buffer size from the stack when it is made, and the stack has no setter: the factory
 * lowers the stack's field for that moment and puts it back. {@link SipEndpoint} makes the UDP listening point
 * first, before the TCP one exists, so no TCP reader sees the lowered value.
 */
public final class MessageProcessors implements MessageProcessorFactory {

    /** The buffer JAIN-SIP's UDP reader allocates for each datagram: the socket gives it the datagram's instead. */
    static final int READER_BYTES = 1;

    private final MessageProcessorFactory plain = new OIOMessageProcessorFactory();

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port,
                                                   String transport) throws IOException {
        if ("tcp".equalsIgnoreCase(transport)) {
            return new TcpConnections(address, stack, port);
        }
        if (!"udp".equalsIgnoreCase(transport)) {
            throw new IOException("SIP over " + transport + " is not offered (expected: udp or tcp)");
        }
        if (!(stack.getNetworkLayer() instanceof SipNetworkLayer)) {
            throw new IOException("SIP over UDP reads through " + SipNetworkLayer.class.getName() + ", not "
                    + stack.getNetworkLayer().getClass().getName());
        }
        Field limit = maxMessageSize();
        int tcp = read(limit, stack);
        write(limit, stack, READER_BYTES);
        try {
            return plain.createMessageProcessor(stack, address, port, transport);
        } finally {
            write(limit, stack, tcp);
        }
    }

    private static Field maxMessageSize() {
        try {
            Field field = SIPTransactionStack.class.getDeclaredField("maxMessageSize");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            throw new IllegalStateException("JAIN-SIP: no SIPTransactionStack.maxMessageSize to size UDP reads", e);
        }
    }

    private static int read(Field field, SIPTransactionStack stack) {
        try {
            return field.getInt(stack);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Field field, SIPTransactionStack stack, int value) {
        try {
            field.setInt(stack, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
