package io.switchboard.application.port.out;

/**
 * Tells the application that a recording's file is ready for download (ACS sends
 * {@code Microsoft.Communication.RecordingFileStatusUpdated} through Event Grid). Non-blocking and thread-safe.
 */
public interface RecordingFileNotifier {

    void ready(RecordingDocument document);
}
