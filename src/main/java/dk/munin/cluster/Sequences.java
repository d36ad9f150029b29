package dk.munin.cluster;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Sequences (bursts): consecutive photos of one camera no more than the sequence gap apart. A
 * camera that numbers its trigger events (Reconyx's event number in the maker note) also says
 * where one trigger's frames end, so two triggers within the gap stay two sequences; a counter
 * that restarted is no reason to join photos hours apart, so the gap holds for them too. A photo
 * without a usable time is a sequence of its own: nothing says what it is next to.
 */
public final class Sequences {

    /** Burst order: time, then the camera's frame number (frames share a second), then file. */
    private static final Comparator<Frame> IN_TIME_ORDER = Comparator
            .comparing(Frame::time, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Frame::frame, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Frame::file);

    /**
     * A photo Stage-0 read, as sequences see it.
     *
     * @param camera  its camera, station included (cameras of two stations never share a sequence)
     * @param time    its corrected camera-local time; null when unusable
     * @param frame   its frame number in a burst (Reconyx "n of m"), or null
     * @param trigger the camera's trigger (event) number (Reconyx), or null
     */
    public record Frame(String file, String camera, LocalDateTime time, Integer frame, Long trigger) {
    }

    private final Duration gap;

    public Sequences(Duration gap) {
        this.gap = gap;
    }

    /**
     * Each read photo's sequence id, {@code <session>-S000001}..., numbered camera by camera in
     * time order so a re-run numbers them alike.
     */
    public Map<String, String> assign(String sessionId, List<Frame> photos) {
        Map<String, List<Frame>> byCamera = new TreeMap<>();
        for (Frame photo : photos) {
            byCamera.computeIfAbsent(Objects.toString(photo.camera(), ""), camera -> new ArrayList<>()).add(photo);
        }
        Map<String, String> sequenceOf = new HashMap<>();
        int sequences = 0;
        for (List<Frame> camera : byCamera.values()) {
            camera.sort(IN_TIME_ORDER);
            Frame previous = null;
            for (Frame photo : camera) {
                if (previous == null || !sameSequence(previous, photo)) {
                    sequences++;
                }
                sequenceOf.put(photo.file(), String.format("%s-S%06d", sessionId, sequences));
                previous = photo;
            }
        }
        return sequenceOf;
    }

    private boolean sameSequence(Frame previous, Frame next) {
        if (previous.time() == null || next.time() == null) {
            return false;
        }
        boolean sameTrigger = previous.trigger() == null || next.trigger() == null || previous.trigger().equals(next.trigger());
        return sameTrigger && Duration.between(previous.time(), next.time()).compareTo(gap) <= 0;
    }
}
