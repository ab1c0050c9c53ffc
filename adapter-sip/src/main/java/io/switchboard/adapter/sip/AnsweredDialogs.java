package io.switchboard.adapter.sip;

import gov.nist.javax.sip.ReleaseReferencesStrategy;
import gov.nist.javax.sip.stack.SIPDialog;

import javax.sip.Dialog;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Lets a call's dialog drop what it no longer needs once the ACK of its INVITE's answer is sent or received: the
 * INVITE's transaction (the INVITE and the answer, parsed) and its parties, Call-ID and target as parsed headers (kept
 * as text, parsed again when asked). JAIN-SIP does this itself only for the dialogs it answers, and only with its
 * "Normal" strategy of releasing references (not its default); for the dialogs it dials, never: each kept about a
 * third of a call's heap for as long as the call lasted. Here each dialog gets that strategy, and the release.
 *
 * <p>The release is {@code SIPDialog.cleanUpOnAck}, which is not public: it is called through reflection, set up once;
 * if this JAIN-SIP has no such method, the dialogs keep their state, as before, and the first answered call says so.
 */
final class AnsweredDialogs {

    private static final System.Logger LOG = System.getLogger(AnsweredDialogs.class.getName());
    private static final Optional<Method> CLEAN_UP_ON_ACK = cleanUpOnAck();

    private AnsweredDialogs() {
    }

    /** After the ACK of the answer to the dialog's INVITE, ours or the caller's: from then on it keeps text. */
    static void acknowledged(Dialog dialog) {
        if (CLEAN_UP_ON_ACK.isEmpty() || !(dialog instanceof SIPDialog sip)) {
            return;
        }
        sip.setReleaseReferencesStrategy(ReleaseReferencesStrategy.Normal);
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
            LOG.log(Level.WARNING, "SIP: this JAIN-SIP has no SIPDialog.cleanUpOnAck; each dialog keeps its INVITE "
                    + "and answer for as long as the call lasts");
            return Optional.empty();
        }
    }
}
