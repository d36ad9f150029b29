package dk.munin.exif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.budget.ManifestRules;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.storage.Location;
import dk.munin.storage.ObjectNotFound;
import dk.munin.storage.ObjectStore;
import dk.munin.storage.StoredObject;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Stage-0: reads every photo's metadata and writes stage0/images.jsonl, one line per photo in
 * listing order. A photo that cannot be read gets a line with its error; only a failing store
 * stops the stage.
 */
public class Stage0Exif {

    public static final String IMAGES_JSONL = "stage0/images.jsonl";

    private static final ObjectWriter LINE_WRITER = Json.MAPPER.writerFor(PhotoRecord.class);

    private final ObjectStore store;
    private final PhotoListing listing;
    private final PhotoMetadataReader reader;
    private final CameraIdentity identity;

    public Stage0Exif(ObjectStore store, PhotoListing listing, PhotoMetadataReader reader, CameraIdentity identity) {
        this.store = store;
        this.listing = listing;
        this.reader = reader;
        this.identity = identity;
    }

    public ObjectNode run(JsonNode input) {
        RunState state = RunState.of(input);
        Location inputFolder = Location.parse(state.inputUri());
        ZoneId zone = cameraZone(state);
        List<StoredObject> photos = listing.photos(inputFolder, state.maxImages());
        Location imagesJsonl = Location.parse(state.outputUri()).resolve(IMAGES_JSONL);
        int failed = writeImagesJsonl(photos, inputFolder, zone, imagesJsonl);
        ObjectNode summary = Json.object();
        summary.put("format_version", PhotoRecord.FORMAT_VERSION);
        summary.put("photos_listed", photos.size());
        summary.put("photos_read", photos.size() - failed);
        summary.put("photos_failed", failed);
        return state.put(RunState.STAGE0_OUTPUT_URI, imagesJsonl.uri())
                .put(RunState.STAGE0, summary)
                .json();
    }

    /** Streams the lines to a local file, so memory does not grow with the number of photos. */
    private int writeImagesJsonl(List<StoredObject> photos, Location inputFolder, ZoneId zone, Location target) {
        Path temp = null;
        try {
            temp = Files.createTempFile("munin-images-", ".jsonl");
            int failed = 0;
            try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                for (StoredObject photo : photos) {
                    PhotoRecord record = describe(photo, inputFolder, zone);
                    failed += record.failed() ? 1 : 0;
                    out.write(LINE_WRITER.writeValueAsString(record));
                    out.write('\n');
                }
            }
            store.upload(target, temp);
            return failed;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    PhotoRecord describe(StoredObject photo, Location inputFolder, ZoneId zone) {
        String file = inputFolder.relativize(photo.location());
        String station = identity.station(file);
        String camera = identity.camera(file);
        try {
            PhotoMetadata metadata = reader.read(store.read(photo.location()));
            return record(photo, file, station, camera, metadata, zone);
        } catch (UnreadablePhoto e) {
            return failure(photo, file, station, camera, e.getMessage());
        } catch (ObjectNotFound e) {
            return failure(photo, file, station, camera, "the photo disappeared while the run was reading it");
        } catch (RuntimeException e) {
            // metadata-extractor can throw unchecked exceptions on corrupted segments
            return failure(photo, file, station, camera, "metadata could not be parsed: " + e);
        }
    }

    private static PhotoRecord record(StoredObject photo, String file, String station, String camera,
                                      PhotoMetadata metadata, ZoneId zone) {
        LocalDateTime original = metadata.dateTimeOriginal();
        ZonedDateTime zoned = original == null || zone == null ? null : original.atZone(zone);
        return new PhotoRecord(file, photo.location().uri(), photo.size(), station, camera,
                metadata.make(), metadata.model(), metadata.width(), metadata.height(), metadata.orientation(),
                iso(original),
                original == null ? PhotoRecord.TIME_SOURCE_NONE : PhotoRecord.TIME_SOURCE_EXIF,
                iso(original),
                zoned == null ? null : zoned.getOffset().getId(),
                zoned == null ? null : zoned.toInstant().toString(),
                List.of(),
                metadata.latitude(), metadata.longitude(), null);
    }

    /** Always with seconds: LocalDateTime.toString() drops ":00", which breaks comparisons as text. */
    private static String iso(LocalDateTime time) {
        return time == null ? null : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time);
    }

    private static PhotoRecord failure(StoredObject photo, String file, String station, String camera, String error) {
        return new PhotoRecord(file, photo.location().uri(), photo.size(), station, camera,
                null, null, null, null, null, null, PhotoRecord.TIME_SOURCE_NONE, null, null, null, List.of(),
                null, null, error);
    }

    private static ZoneId cameraZone(RunState state) {
        JsonNode zone = state.get(ManifestRules.TIME_ZONE);
        return zone.isTextual() ? ZoneId.of(zone.asText()) : null;
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover temp file is harmless; the upload already succeeded or failed on its own
            }
        }
    }
}
