package io.switchboard.adapter.sip;

import org.junit.jupiter.api.AfterEach;

/**
 * What the tests of the adapter against one test UA share: the reports it records, a real media engine, the UA and
 * the adapter under test (both started by the test), and stopping them all after each test.
 */
abstract class WithTestUserAgent {

    final RecordingTelephonyEvents events = new RecordingTelephonyEvents();
    final RecordingIncomingCalls incoming = new RecordingIncomingCalls();
    final TestMedia media = TestMedia.start();
    TestUserAgent ua;
    SipTelephony telephony;

    @AfterEach
    void stopTelephonyAndUserAgent() {
        if (telephony != null) {
            telephony.close();
        }
        if (ua != null) {
            ua.close();
        }
        media.close();
    }
}
