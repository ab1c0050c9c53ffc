package io.switchboard.adapter.media;

import io.switchboard.application.port.out.RecordingDocument;
import io.switchboard.application.port.out.RecordingDocument.ChannelParticipant;
import io.switchboard.application.port.out.RecordingStore;
import io.switchboard.domain.call.CallConnectionId;
import io.switchboard.domain.recording.RecordingChannels;
import io.switchboard.domain.recording.RecordingId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Recordings kept in one directory: {@code <documentId>.wav} (written by telephony) and its document
 * {@code <documentId>.json}, written once the recording completed (to a temporary file, then moved, so a crash
 * never leaves half a document). Documents are loaded at {@link #open}, so looking one up does no I/O.
 *
 * <p>Refuses new files while the file system has less than the floor free. Thread-safe.
 */
public final class DiskRecordingStore implements RecordingStore {

    private static final System.Logger LOG = System.getLogger(DiskRecordingStore.class.getName());
    private static final Pattern DOCUMENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final long MIB = 1024 * 1024;

    private final Path directory;
    private final long minFreeBytes;
    private final Map<String, RecordingDocument> documents = new ConcurrentHashMap<>();

    private DiskRecordingStore(Path directory, long minFreeBytes) {
        this.directory = directory;
        this.minFreeBytes = minFreeBytes;
    }

    /**
     * Opens the store in {@code directory} (created if needed) and loads the documents kept there.
     *
     * @param minFreeBytes below this much free space new recordings are refused
     * @throws IOException if the directory cannot be made or read
     */
    public static DiskRecordingStore open(Path directory, long minFreeBytes) throws IOException {
        Files.createDirectories(directory);
        DiskRecordingStore store = new DiskRecordingStore(directory, minFreeBytes);
        try (DirectoryStream<Path> kept = Files.newDirectoryStream(directory, "*.json")) {
            for (Path json : kept) {
                try {
                    RecordingDocument document = read(json);
                    store.documents.put(document.documentId(), document);
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.WARNING, "recording document " + json + " is unreadable and ignored: " + e);
                }
            }
        }
        return store;
    }

    /** The audio files of the directory, whether or not their recording completed (e.g. cut by a crash). */
    public List<Path> audioFiles() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.wav")) {
            return java.util.stream.StreamSupport.stream(files.spliterator(), false).toList();
        }
    }

    @Override
    public Path newFile(String documentId) throws IOException {
        requireValid(documentId);
        Files.createDirectories(directory);
        long free = Files.getFileStore(directory).getUsableSpace();
        if (free < minFreeBytes) {
            throw new IOException("the recordings directory " + directory + " has " + free / MIB
                    + " MiB free, below its floor of " + minFreeBytes / MIB + " MiB (SWITCHBOARD_RECORDING_MIN_FREE_MB)");
        }
        return audio(documentId);
    }

    @Override
    public void completed(RecordingDocument document) throws IOException {
        requireValid(document.documentId());
        Path json = directory.resolve(document.documentId() + ".json");
        Path partial = directory.resolve(document.documentId() + ".json.partial");
        Files.writeString(partial, toJson(document).encodePrettily(), StandardCharsets.UTF_8);
        Files.move(partial, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        documents.put(document.documentId(), document);
    }

    @Override
    public Optional<RecordingDocument> find(String documentId) {
        return Optional.ofNullable(documents.get(documentId));
    }

    @Override
    public Optional<Path> content(String documentId) {
        return find(documentId).map(document -> audio(documentId));
    }

    @Override
    public boolean delete(String documentId) throws IOException {
        if (documents.remove(documentId) == null) {
            return false;
        }
        Files.deleteIfExists(directory.resolve(documentId + ".json"));
        Files.deleteIfExists(audio(documentId));
        return true;
    }

    /**
     * Deletes the recordings that completed longer than {@code retention} before {@code now}.
     *
     * @return how many were deleted
     */
    public int purge(Instant now, Duration retention) throws IOException {
        int deleted = 0;
        for (RecordingDocument document : List.copyOf(documents.values())) {
            Instant ended = document.startedAt().plus(document.length());
            if (ended.plus(retention).isBefore(now) && delete(document.documentId())) {
                deleted++;
            }
        }
        return deleted;
    }

    private Path audio(String documentId) {
        return directory.resolve(documentId + ".wav");
    }

    private static void requireValid(String documentId) {
        if (!DOCUMENT_ID.matcher(documentId).matches()) {
            throw new IllegalArgumentException("documentId: " + documentId
                    + " (expected: 1 to 100 letters, digits, '-' or '_')");
        }
    }

    static JsonObject toJson(RecordingDocument document) {
        JsonArray participants = new JsonArray();
        document.participants().forEach(p -> participants.add(new JsonObject().put("rawId", p.rawId())
                .put("channel", p.channel())));
        return new JsonObject().put("documentId", document.documentId())
                .put("recordingId", document.recording().value()).put("callConnectionId", document.call().value())
                .put("serverCallId", document.serverCallId()).put("channelType", document.channelType().name())
                .put("channels", document.channels()).put("startedAt", document.startedAt().toString())
                .put("lengthMillis", document.length().toMillis()).put("bytes", document.bytes())
                .put("endReason", document.endReason()).put("participants", participants);
    }

    private static RecordingDocument read(Path json) throws IOException {
        JsonObject o = new JsonObject(Files.readString(json, StandardCharsets.UTF_8));
        List<ChannelParticipant> participants = o.getJsonArray("participants").stream()
                .map(JsonObject.class::cast)
                .map(p -> new ChannelParticipant(p.getString("rawId"), p.getInteger("channel"))).toList();
        return new RecordingDocument(o.getString("documentId"), new RecordingId(o.getString("recordingId")),
                CallConnectionId.of(o.getString("callConnectionId")), o.getString("serverCallId"),
                RecordingChannels.valueOf(o.getString("channelType")), o.getInteger("channels"),
                Instant.parse(o.getString("startedAt")), Duration.ofMillis(o.getLong("lengthMillis")),
                o.getLong("bytes"), o.getString("endReason"), participants);
    }
}
