package io.switchboard.adapter.sip;

import gov.nist.javax.sip.DialogExt;
import gov.nist.javax.sip.ReleaseReferencesStrategy;
import gov.nist.javax.sip.stack.SIPDialog;

import javax.sip.Dialog;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Lets an outgoing call's dialog drop what it no longer needs once our ACK is sent: its INVITE's transaction (the
 * INVITE and the answer, parsed) and its parties, Call-ID and target as parsed headers (kept as text, parsed again when
 * asked). JAIN-SIP does this for the dialogs it answers, when their ACK arrives (with the "Normal" strategy of
 * releasing references), but never for those it dials: each kept about a third of a call's heap for as long as the
 * call lasted.
 *
 * <p>The release is {@code SIPDialog.cleanUpOnAck}, which is not public: it is called through reflection, set up once;
 * if this JAIN-SIP has no such method, the dialogs keep their state, as before, and the start says so once.
 */
final class AnsweredDialogs {

    private static final System.Logger LOG = System.getLogger(AnsweredDialogs.class.getName());
    private static final Optional<Method> CLEAN_UP_ON_ACK = cleanUpOnAck();

    private AnsweredDialogs() {
    }

    /** After our ACK of the answer to the dialog's INVITE: what the dialog keeps from then on is its text. */
    static void acknowledged(Dialog dialog) {
        if (CLEAN_UP_ON_ACK.isEmpty() || !(dialog instanceof SIPDialog sip)) {
            return;
        }
        ((DialogExt) sip).setReleaseReferencesStrategy(ReleaseReferencesStrategy.Normal);
        try {
            CLEAN_UP_ON_ACK.get().invoke(sip);
        } catch (IllegalAccessException | InvocationTargetException e) {
            LOG.log(Level.WARNING, "SIP dialog " + dialog.getDialogId() + ": its answered INVITE not released: " + e);
        }
    }

    private static Optional<Method> cleanUpOnAck() {
        try {
            Method method = SIPDialog.class.getDeclaredMethod("cleanUpOnAck");
            method.setAccessible(true);
            return Optional.of(method);
        } catch (NoSuchMethodException | RuntimeException e) {
            LOG.log(Level.WARNING, "SIP: this JAIN-SIP has no SIPDialog.cleanUpOnAck; outgoing calls' dialogs keep "
                    + "their INVITE and answer for as long as the call lasts");
            return Optional.empty();
        }
    }
}
