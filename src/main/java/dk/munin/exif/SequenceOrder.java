package dk.munin.exif;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Checks that the frames of one Reconyx sequence (same camera, serial number, event
 * number and frame count) carry non-decreasing camera times in frame order. Several frames
 * share a second, so equal times are fine; an earlier time on a later frame is not. The photo
 * that reveals the conflict (the later one in listing order) is flagged.
 *
 * <p>Photos arrive in listing order, so a sequence's frames are usually neighbours; only the
 * most recently seen {@code openSequences} sequences are remembered, which keeps memory flat.
 * Not thread-safe: Stage-0 calls it from the one thread that writes images.jsonl, on its lines
 * as they are written ({@link #flag}), so a run read in batches is checked across them, as one
 * read whole is.
 */
public class SequenceOrder {

    private record Key(String camera, String serialNumber, long eventNumber, int frames) {
    }

    private final Map<Key, TreeMap<Integer, LocalDateTime>> open;

    public SequenceOrder(int openSequences) {
        this.open = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, TreeMap<Integer, LocalDateTime>> eldest) {
                return size() > openSequences;
            }
        };
    }

    /** @return why this frame is out of order, or null when it is in order (or not part of a sequence) */
    public String check(String camera, ReconyxMakerNote reconyx, LocalDateTime cameraTime) {
        if (reconyx == null) {
            return null;
        }
        return check(camera, reconyx.serialNumber(), reconyx.eventNumber(), reconyx.sequenceTotal(), reconyx.sequenceNumber(),
                cameraTime);
    }

    /**
     * The line as it goes into images.jsonl: flagged {@code sequence_out_of_order}, with why as its
     * last warning, when its frame breaks its sequence's order.
     */
    public PhotoRecord flag(PhotoRecord photo) {
        if (photo.datetimeOriginal() == null) {
            return photo;
        }
        String conflict = check(photo.camera(), photo.serialNumber(), photo.eventNumber(), photo.sequenceTotal(),
                photo.sequenceNumber(), LocalDateTime.parse(photo.datetimeOriginal()));
        return conflict == null ? photo : photo.withIssue(TimestampIssue.SEQUENCE_OUT_OF_ORDER.code(), conflict);
    }

    private String check(String camera, String serialNumber, Long eventNumber, Integer total, Integer frame, LocalDateTime cameraTime) {
        if (cameraTime == null || frame == null || total == null || eventNumber == null || total < 2) {
            return null;
        }
        Key key = new Key(Objects.toString(camera, ""), serialNumber, eventNumber, total);
        TreeMap<Integer, LocalDateTime> frames = open.computeIfAbsent(key, k -> new TreeMap<>());
        String conflict = conflict(frames, frame, cameraTime, total);
        frames.putIfAbsent(frame, cameraTime);
        return conflict;
    }

    private static String conflict(TreeMap<Integer, LocalDateTime> frames, int frame, LocalDateTime time, int total) {
        for (Map.Entry<Integer, LocalDateTime> earlier : frames.headMap(frame, false).entrySet()) {
            if (earlier.getValue().isAfter(time)) {
                return "frame " + frame + " of " + total + " (" + time + ") is earlier than frame " + earlier.getKey()
                        + " (" + earlier.getValue() + ") of the same sequence";
            }
        }
        for (Map.Entry<Integer, LocalDateTime> later : frames.tailMap(frame, false).entrySet()) {
            if (later.getValue().isBefore(time)) {
                return "frame " + frame + " of " + total + " (" + time + ") is later than frame " + later.getKey()
                        + " (" + later.getValue() + ") of the same sequence";
            }
        }
        return null;
    }
}
