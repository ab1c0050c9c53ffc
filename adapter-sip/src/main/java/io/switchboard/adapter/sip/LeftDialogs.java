package io.switchboard.adapter.sip;

import io.switchboard.application.port.out.DialogRecords;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import javax.sip.Dialog;
import javax.sip.address.Address;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/**
 * The dialogs of answered legs, kept in {@link DialogRecords} while they last, and ended with a BYE at the next start
 * when a stop of the server (a crash, a kill) left them open: the far end would otherwise stay on a line nobody
 * serves until its own timers give up. A dialog is kept as what its BYE needs (Call-ID, both parties and tags, the
 * remote target, the route set, our last CSeq, the transport); the BYE goes out of any dialog this process knows, with
 * a CSeq 100 above the last one kept (a UAS accepts any higher number, RFC 3261 §12.2.2, and requests sent after the
 * record was written may have used a few).
 */
final class LeftDialogs {

    private static final System.Logger LOG = System.getLogger(SipTelephony.class.getName());
    /** How far the BYE's CSeq jumps over the last one kept. */
    static final long CSEQ_STEP = 100;

    private final DialogRecords records;

    LeftDialogs(DialogRecords records) {
        this.records = records;
    }

    /** Keeps an answered leg's dialog. */
    void opened(Leg leg) {
        if (leg.dialog == null) {
            return;
        }
        try {
            records.opened(new DialogRecords.Dialog(leg.id().value(), form(leg.dialog, leg.transport)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SIP leg " + leg.id() + ": its dialog is not kept (" + e.getMessage() + "); a crash"
                    + " would leave it open");
        }
    }

    /** Forgets a leg's dialog. */
    void closed(Leg leg) {
        records.closed(leg.id().value());
    }

    /** Ends every dialog the last stop left open (read before this server made any), then forgets them. */
    void endLeftOpen(SipEndpoint sip, List<DialogRecords.Dialog> left) {
        for (DialogRecords.Dialog dialog : left) {
            try {
                Request bye = bye(sip, dialog.form());
                sip.send(bye);
                LOG.log(Level.WARNING, "SIP leg " + dialog.leg() + " was up when the server stopped; BYE sent to "
                        + bye.getRequestURI());
            } catch (Exception e) {
                LOG.log(Level.WARNING, "SIP leg " + dialog.leg() + " was up when the server stopped; its BYE could "
                        + "not be sent: " + e.getMessage());
            }
            records.closed(dialog.leg());
        }
    }

    static String form(Dialog dialog, SipTransport transport) {
        Properties form = new Properties();
        form.setProperty("call-id", dialog.getCallId().getCallId());
        form.setProperty("local", dialog.getLocalParty().toString());
        form.setProperty("local-tag", dialog.getLocalTag());
        form.setProperty("remote", dialog.getRemoteParty().toString());
        form.setProperty("remote-tag", dialog.getRemoteTag());
        form.setProperty("target", dialog.getRemoteTarget().getURI().toString());
        form.setProperty("cseq", Long.toString(dialog.getLocalSeqNumber()));
        form.setProperty("transport", transport.name());
        List<String> routes = new ArrayList<>();
        for (Iterator<?> it = dialog.getRouteSet(); it.hasNext(); ) {
            routes.add(((RouteHeader) it.next()).getAddress().toString());
        }
        for (int i = 0; i < routes.size(); i++) {
            form.setProperty("route." + i, routes.get(i));
        }
        StringWriter text = new StringWriter(256);
        // a writer of our size: Properties.store wraps any other in a BufferedWriter of 8 Ki chars, 16 KiB made for
        // every dialog answered
        try (BufferedWriter out = new BufferedWriter(text, 256)) {
            form.store(out, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    static Request bye(SipEndpoint sip, String text) throws Exception {
        Properties form = new Properties();
        form.load(new StringReader(text));
        SipTransport transport = SipTransport.valueOf(form.getProperty("transport"));
        CallIdHeader callId = sip.headers.createCallIdHeader(form.getProperty("call-id"));
        CSeqHeader cseq = sip.headers.createCSeqHeader(Long.parseLong(form.getProperty("cseq")) + CSEQ_STEP,
                Request.BYE);
        Address local = sip.addresses.createAddress(form.getProperty("local"));
        FromHeader from = sip.headers.createFromHeader(local, form.getProperty("local-tag"));
        Address remote = sip.addresses.createAddress(form.getProperty("remote"));
        ToHeader to = sip.headers.createToHeader(remote, form.getProperty("remote-tag"));
        MaxForwardsHeader hops = sip.headers.createMaxForwardsHeader(70);
        List<ViaHeader> via = List.of(sip.via(transport));
        Request bye = sip.messages.createRequest(sip.addresses.createURI(form.getProperty("target")), Request.BYE,
                callId, cseq, from, to, via, hops);
        for (int i = 0; form.getProperty("route." + i) != null; i++) {
            bye.addHeader(sip.headers.createRouteHeader(sip.addresses.createAddress(form.getProperty("route." + i))));
        }
        return bye;
    }
}
