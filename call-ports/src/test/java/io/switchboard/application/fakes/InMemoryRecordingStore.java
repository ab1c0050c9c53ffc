package io.switchboard.application.fakes;

import io.switchboard.application.port.out.RecordingDocument;
import io.switchboard.application.port.out.RecordingFileNotifier;
import io.switchboard.application.port.out.RecordingStore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps recording documents in memory (files are named under {@link #root}, {@code /recordings} unless set, and never
 * written by the store) and the announcements of completed ones; {@link #full} makes it refuse new files as a full
 * disk would.
 */
public final class InMemoryRecordingStore implements RecordingStore, RecordingFileNotifier {

    private final Map<String, RecordingDocument> documents = new ConcurrentHashMap<>();
    private final List<RecordingDocument> announced = new CopyOnWriteArrayList<>();
    private volatile boolean full;
    private volatile Path root = Path.of("/recordings");

    @Override
    public Path newFile(String documentId) throws IOException {
        if (full) {
            throw new IOException("recordings directory: 10 MiB free, below the 100 MiB floor");
        }
        return root.resolve(documentId + ".wav");
    }

    @Override
    public void completed(RecordingDocument document) {
        documents.put(document.documentId(), document);
    }

    @Override
    public Optional<RecordingDocument> find(String documentId) {
        return Optional.ofNullable(documents.get(documentId));
    }

    @Override
    public Optional<Path> content(String documentId) {
        return find(documentId).map(d -> root.resolve(documentId + ".wav"));
    }

    @Override
    public boolean delete(String documentId) {
        return documents.remove(documentId) != null;
    }

    @Override
    public void ready(RecordingDocument document) {
        announced.add(document);
    }

    public List<RecordingDocument> announced() {
        return List.copyOf(announced);
    }

    /** Where the files are named from now on. */
    public void root(Path root) {
        this.root = root;
    }

    public void full(boolean full) {
        this.full = full;
    }
}
