package dk.munin.output.camtrapdp;

import dk.munin.output.camtrapdp.CamtrapDpMedia.CaptureMethod;
import dk.munin.output.camtrapdp.CamtrapDpObservation.Box;
import dk.munin.output.camtrapdp.CamtrapDpObservation.ClassificationMethod;
import dk.munin.output.camtrapdp.CamtrapDpObservation.Level;
import dk.munin.output.camtrapdp.CamtrapDpObservation.Type;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * A hand-built run as Munin would hand it to the writer: two cameras in Sabah (the camtrapR sample
 * stations, clocks at +08:00), boxes on photos, the events they make, one blank photo, one
 * species a person named, and one photo whose time is not known.
 */
final class CamtrapDpFixture {

    static final String DETECTOR = "MDV5a 5.0.0";
    static final OffsetDateTime CLASSIFIED = OffsetDateTime.parse("2024-06-02T10:00:00Z");
    /** A file name with every character RFC 4180 must quote: a comma, double quotes, a line break. */
    static final String AWKWARD_NAME = "IMG 0002, \"night\"\nsecond line.JPG";

    private CamtrapDpFixture() {
    }

    static CamtrapDpProject project() {
        return new CamtrapDpProject("munin-run-da2724ed55a5", "run-da2724ed55a5", "Munin run run-da2724ed55a5",
                null, "Sabah camera traps 2009", CamtrapDpProject.SamplingDesign.OPPORTUNISTIC,
                List.of(CaptureMethod.ACTIVITY_DETECTION), false,
                List.of(new CamtrapDpProject.Contributor("Jane Field", CamtrapDpProject.Role.CONTACT, "jane@example.org",
                        null, "Example University")),
                Instant.parse("2024-06-02T10:15:30.250Z"),
                List.of(new CamtrapDpProject.Source("Munin", null, "1.4.0")),
                List.of(new CamtrapDpProject.License("CC0-1.0", null, CamtrapDpProject.Scope.DATA),
                        new CamtrapDpProject.License(null, "http://creativecommons.org/licenses/by/4.0/", CamtrapDpProject.Scope.MEDIA)),
                null);
    }

    static List<CamtrapDpDeployment> deployments() {
        return List.of(
                new CamtrapDpDeployment("StationA", "loc-A", "Danum, trail 3", 5.5801, 118.0321, 30,
                        at("2009-04-01T08:00:00"), at("2009-05-15T17:30:00"), "G4-0001",
                        CamtrapDpDeployment.cameraModel("CUDDEBACK", "G4"), false, null),
                // no window given: the writer takes it from the photos
                new CamtrapDpDeployment("StationB", "loc-B", "Danum \"river\" bend", 5.6212, 118.1107, null,
                        null, null, "G6-0002", CamtrapDpDeployment.cameraModel("CUDDEBACK", "G6.1"), true,
                        "time zone assumed\n(+08:00)"));
    }

    static List<CamtrapDpMedia> media() {
        return List.of(
                photo("A1", "StationA", "2009-04-10T05:07:00", "StationA/IMG0001.JPG"),
                photo("A2", "StationA", "2009-04-21T00:40:00", "StationA/IMG0002.JPG"),
                photo("A3", "StationA", "2009-04-22T20:19:00", "StationA/IMG0003.JPG"),
                photo("B1", "StationB", "2009-04-05T00:11:00", "StationB/IMG0001.JPG"),
                new CamtrapDpMedia("B2", "StationB", CaptureMethod.ACTIVITY_DETECTION, at("2009-04-05T23:13:00"),
                        "s3://sabah-traps/raw/StationB/IMG 0002, night.JPG", false, AWKWARD_NAME, "image/jpeg", null),
                photo("B3", "StationB", null, "StationB/IMG0003.JPG"));
    }

    static List<CamtrapDpObservation> observations() {
        return List.of(
                box("A1-1", "StationA", "A1", "evt-A-1", new Box(0.3125, 0.4, 0.25, 0.1875), 0.914),
                box("A1-2", "StationA", "A1", "evt-A-1", new Box(0.0, 0.85, 0.1, 0.15), 0.31),
                box("A2-1", "StationA", "A2", "evt-A-2", new Box(0.5, 0.5, 0.5, 0.5), 0.88),
                new CamtrapDpObservation("A3-blank", "StationA", "A3", null, null, null, Level.MEDIA, Type.BLANK, null,
                        null, null, ClassificationMethod.MACHINE, DETECTOR, CLASSIFIED, null, List.of(), null),
                event("evt-A-1", "StationA", "2009-04-10T05:07:00", "2009-04-10T05:07:00", 2),
                // a species a person named, at the event
                new CamtrapDpObservation("evt-A-2", "StationA", null, "evt-A-2", at("2009-04-21T00:40:00"),
                        at("2009-04-21T00:40:00"), Level.EVENT, Type.ANIMAL, "Prionailurus bengalensis", 1, null,
                        ClassificationMethod.HUMAN, "Jane Field", OffsetDateTime.parse("2024-06-01T09:12:00+02:00"),
                        null, List.of(), "leopard cat, seen by eye"),
                box("B1-1", "StationB", "B1", "evt-B-1", new Box(0.1, 0.2, 0.3, 0.4), 0.72),
                new CamtrapDpObservation("B2-1", "StationB", "B2", "evt-B-1", null, null, Level.MEDIA, Type.ANIMAL, null,
                        1, new Box(0.125, 0.25, 0.0625, 0.5), ClassificationMethod.MACHINE, DETECTOR, CLASSIFIED, 0.65,
                        List.of("review:pending", "batch:2"), null),
                event("evt-B-1", "StationB", "2009-04-05T00:11:00", "2009-04-05T23:13:00", 1),
                box("B3-1", "StationB", "B3", null, new Box(0.2, 0.2, 0.2, 0.2), 0.5));
    }

    /** {@code count} photos at StationA a minute apart, made as they are asked for, never held. */
    static Iterable<CamtrapDpMedia> generatedPhotos(int count) {
        OffsetDateTime first = at("2009-04-02T00:00:00");
        return generated(count, i -> new CamtrapDpMedia(generatedPhotoId(i), "StationA", CaptureMethod.ACTIVITY_DETECTION,
                first.plusMinutes(i), "s3://sabah-traps/raw/StationA/gen/" + generatedPhotoId(i) + ".JPG", false,
                generatedPhotoId(i) + ".JPG", "image/jpeg", null));
    }

    /** {@code perPhoto} boxes on each of the {@link #generatedPhotos(int) generated photos}, made as they are asked for. */
    static Iterable<CamtrapDpObservation> generatedBoxes(int photos, int perPhoto) {
        return generated(photos * perPhoto, i -> generatedBox(i, perPhoto));
    }

    /** The {@code i}th of the {@link #generatedBoxes(int, int) generated boxes}. */
    static CamtrapDpObservation generatedBox(int i, int perPhoto) {
        return box(generatedPhotoId(i / perPhoto) + "#" + (i % perPhoto + 1), "StationA", generatedPhotoId(i / perPhoto), null,
                new Box(0.1, 0.2, 0.3, 0.4), 0.9);
    }

    static String generatedPhotoId(int i) {
        return "IMG" + i;
    }

    static <T> Iterable<T> generated(int count, IntFunction<T> row) {
        return () -> IntStream.range(0, count).mapToObj(row).iterator();
    }

    /** A camera clock at +08:00 (Sabah), as Stage-0 gives it once the zone is known. */
    static OffsetDateTime at(String local) {
        return local == null ? null : OffsetDateTime.parse(local + "+08:00");
    }

    static CamtrapDpMedia photo(String id, String deployment, String local, String key) {
        return new CamtrapDpMedia(id, deployment, CaptureMethod.ACTIVITY_DETECTION, at(local),
                "s3://sabah-traps/raw/" + key, false, key.substring(key.lastIndexOf('/') + 1), "image/jpeg", null);
    }

    static CamtrapDpObservation box(String id, String deployment, String media, String event, Box box, double conf) {
        return new CamtrapDpObservation(id, deployment, media, event, null, null, Level.MEDIA, Type.ANIMAL, null, 1, box,
                ClassificationMethod.MACHINE, DETECTOR, CLASSIFIED, conf, List.of(), null);
    }

    static CamtrapDpObservation event(String id, String deployment, String start, String end, int count) {
        return new CamtrapDpObservation(id, deployment, null, id, at(start), at(end), Level.EVENT, Type.ANIMAL, null,
                count, null, ClassificationMethod.MACHINE, DETECTOR, CLASSIFIED, null, List.of(), null);
    }
}
