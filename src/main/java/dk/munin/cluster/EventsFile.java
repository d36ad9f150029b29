package dk.munin.cluster;

import java.util.List;

/** Stage-2's work file: the events of a session and the settings that made them. */
public record EventsFile(
        String sessionId,
        double confidenceThreshold,
        int eventGapMinutes,
        int photosWithDetections,
        List<Event> events) {
}
