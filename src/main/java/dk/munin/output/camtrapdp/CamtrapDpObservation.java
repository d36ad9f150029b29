package dk.munin.output.camtrapdp;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One row of observations.csv. A {@link Level#MEDIA media}-level observation is one box (or the
 * blank verdict) on one photo; an {@link Level#EVENT event}-level one is what an event as a whole
 * showed, and has no mediaID and no box. cameraSetupType, lifeStage, sex, behavior, individualID
 * and the individual position and speed columns are written empty.
 *
 * @param mediaID                   the photo, for a media-level observation; {@code null} for an event-level one
 * @param eventID                   the event it belongs to, or {@code null} (a blank photo belongs to none)
 * @param eventStart                for an event-level observation, required; for a media-level one,
 *                                  {@code null} for the photo's timestamp (as Camtrap DP's example does)
 * @param eventEnd                  as eventStart
 * @param scientificName            the taxon, or {@code null} (a detector's "animal" names none)
 * @param count                     how many individuals (at least 1), or {@code null}
 * @param bbox                      the box on the photo, or {@code null}; media level only
 * @param classifiedBy              the person, or the detector's name and version (as it comes in, not a setting here)
 * @param classificationProbability 0 to 1, or {@code null}
 * @param observationTags           written pipe-separated ({@code a | b}); a tag must not hold '|'
 */
public record CamtrapDpObservation(String observationID, String deploymentID, String mediaID, String eventID,
                                   OffsetDateTime eventStart, OffsetDateTime eventEnd, Level observationLevel,
                                   Type observationType, String scientificName, Integer count, Box bbox,
                                   ClassificationMethod classificationMethod, String classifiedBy,
                                   OffsetDateTime classificationTimestamp, Double classificationProbability,
                                   List<String> observationTags, String observationComments) {

    public CamtrapDpObservation {
        observationTags = observationTags == null ? List.of() : List.copyOf(observationTags);
    }

    /**
     * A bounding box relative to the photo's width and height, from its top-left corner: the same
     * convention as MegaDetector's normalised {@code [x, y, w, h]}, so its four numbers go in as they are.
     *
     * @param x      0 to 1, from the left
     * @param y      0 to 1, from the top
     * @param width  above 0, at most 1
     * @param height above 0, at most 1
     */
    public record Box(double x, double y, double width, double height) {
    }

    /** observations.observationLevel. */
    public enum Level implements CamtrapDp.Term {
        MEDIA,
        EVENT;
    }

    /** observations.observationType. */
    public enum Type implements CamtrapDp.Term {
        ANIMAL,
        HUMAN,
        VEHICLE,
        BLANK,
        UNKNOWN,
        UNCLASSIFIED;
    }

    /** observations.classificationMethod. */
    public enum ClassificationMethod implements CamtrapDp.Term {
        HUMAN,
        MACHINE;
    }
}
