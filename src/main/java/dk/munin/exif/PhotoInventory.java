package dk.munin.exif;

import dk.munin.contract.photos.UnreadablePhoto;
import dk.munin.contract.progress.ProgressMeter;
import dk.munin.contract.storage.KeyRule;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectNotFound;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.contract.storage.StoredObject;
import dk.munin.contract.storage.UnsafeKey;
import dk.munin.manifest.Deployment;
import dk.munin.manifest.DeploymentTable;
import dk.munin.manifest.PhotoIdentity;
import dk.munin.state.PhotoCounts;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Stage-0's work: lists the photos, reads the head of each (bounded concurrency, ranged reads),
 * corrects its clock and writes images.jsonl, one line per photo in listing order, streamed so
 * memory does not grow with the number of photos. A photo that cannot be read gets a line with
 * its error; only a failing store stops it.
 */
public class PhotoInventory {

    private final ObjectStore store;
    private final PhotoListing listing;
    private final JpegHeadReader heads;
    private final PhotoMetadataReader reader;
    private final CameraIdentity identity;
    private final TimeCorrector corrector;
    private final Stage0Settings settings;

    public PhotoInventory(ObjectStore store, Stage0Settings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.listing = new PhotoListing(store, settings.photoExtensions());
        this.heads = new JpegHeadReader(settings.headBytes(), settings.extensionBytes(), settings.maxMetadataBytes());
        this.reader = new PhotoMetadataReader(heads, new CameraMakes(settings.cameraMakes()), settings.maxImagePixels());
        this.identity = new CameraIdentity(settings.stationFolderLevel(), settings.cameraFolderLevel());
        this.corrector = new TimeCorrector(settings.factoryDefaultDates(), settings.factoryDefaultDays(), clock);
    }

    /**
     * Reads at most {@code maxImages} photos below {@code inputFolder} into {@code imagesJsonl}.
     *
     * @param zone        the manifest's time zone, or null
     * @param deployments the manifest's deployments (empty when it has none)
     * @throws ObjectNotFound when there is no such folder
     */
    public PhotoCounts take(Location inputFolder, int maxImages, ZoneId zone, DeploymentTable deployments, Location imagesJsonl,
                            ProgressMeter progress) {
        return writeImagesJsonl(inputFolder, maxImages, new RunContext(zone, deployments), imagesJsonl, progress);
    }

    /** What every photo of the run is judged against. */
    record RunContext(ZoneId zone, DeploymentTable deployments) {
    }

    /** In listing order, through {@link ImagesJsonlUpload}: readers never see half a list. */
    private PhotoCounts writeImagesJsonl(Location inputFolder, int maxImages, RunContext run, Location target, ProgressMeter progress) {
        PhotoTally summary = new PhotoTally();
        SequenceOrder sequences = new SequenceOrder(settings.openSequences());
        ImagesJsonlUpload.write(store, target, lines -> {
            try (Stream<StoredObject> photos = listing.photos(inputFolder, maxImages)) {
                InOrder.map(photos.iterator(), settings.readConcurrency(), photo -> read(photo, inputFolder), read -> {
                    PhotoRecord record = sequences.flag(record(read, run));
                    summary.add(record);
                    lines.accept(record);
                    progress.advance();
                });
            }
        });
        return summary.counts(target.uri(), run.deployments());
    }

    /** Runs on the reading threads: the store's ranged reads and the parsing. */
    PhotoRead read(StoredObject photo, Location inputFolder) {
        String file = inputFolder.relativize(photo.location());
        Optional<String> unsafe = KeyRule.problem(file);
        if (unsafe.isPresent()) {
            // an S3 key such as raw/a/../../x.jpg: not read, and no later stage makes a path of it
            return PhotoRead.failed(photo, file, new UnsafeKey(file, unsafe.get()).getMessage(), 0);
        }
        Location location = photo.location();
        JpegHead head;
        try {
            head = heads.read((start, length) -> store.readRange(location, start, length), photo.size());
        } catch (UnreadablePhoto e) {
            return PhotoRead.failed(photo, file, e.getMessage(), e.bytesRead());
        } catch (ObjectNotFound e) {
            return PhotoRead.failed(photo, file, "the photo disappeared while the run was reading it", 0);
        }
        try {
            return new PhotoRead(photo, file, reader.read(head), null, head.bytesRead());
        } catch (UnreadablePhoto e) {
            return PhotoRead.failed(photo, file, e.getMessage(), head.bytesRead());
        } catch (RuntimeException e) {
            // metadata-extractor's getters on damaged directories are the only code here that may still throw
            return PhotoRead.failed(photo, file, "metadata could not be parsed: " + e, head.bytesRead());
        }
    }

    /**
     * Runs on the writing thread: clock correction. The one check across photos, the order of a
     * sequence's frames, is the caller's ({@link SequenceOrder#flag}), on the lines in listing order.
     */
    PhotoRecord record(PhotoRead read, RunContext run) {
        PhotoMetadata m = read.metadata();
        if (m == null) {
            PhotoIdentity folderOnly = identity.identify(read.file(), null, null, null, null);
            return failure(read, folderOnly.station(), folderOnly.camera());
        }
        ReconyxMakerNote reconyx = m.reconyx();
        PhotoIdentity who = identity.identify(read.file(), m.make(), m.model(),
                reconyx == null ? null : reconyx.serialNumber(), reconyx == null ? null : reconyx.userLabel());
        PhotoTime time = corrector.correct(m.dateTimeOriginal(), m.offsetTimeOriginal(), who, run.deployments(), run.zone());
        Deployment deployment = time.deployment();
        String station = who.station(); // a deployment naming a station matched only photos of that station
        String camera = deployment == null ? who.camera() : deployment.cameraOf(who);
        List<String> issues = new ArrayList<>(time.issues().stream().map(TimestampIssue::code).toList());
        List<String> warnings = new ArrayList<>(m.warnings());
        warnings.addAll(time.notes());
        // The deployment's surveyed coordinates beat a camera's GPS fix, which drifts and can be
        // stale; GPS (placeholders such as 0,0 already dropped by the reader) fills the gaps.
        boolean deploymentPosition = deployment != null && deployment.hasPosition();
        boolean exifPosition = !deploymentPosition && m.latitude() != null && m.longitude() != null;
        StoredObject photo = read.photo();
        return new PhotoRecord(read.file(), photo.location().uri(), photo.size(), read.bytesRead(), station, camera,
                deployment == null ? null : deployment.id(),
                m.make(), m.model(), m.makeRaw(), m.modelRaw(), m.software(),
                reconyx == null ? null : reconyx.serialNumber(), reconyx == null ? null : reconyx.userLabel(),
                m.width(), m.height(), m.orientation(),
                iso(m.dateTimeOriginal()), m.timeSource().label(),
                m.offsetTimeOriginal() == null ? null : m.offsetTimeOriginal().getId(),
                iso(time.local()), time.offset() == null ? null : time.offset().getId(), time.offsetSource(),
                time.utc() == null ? null : time.utc().toString(),
                time.corrections(), List.copyOf(issues),
                reconyx == null ? null : reconyx.sequenceNumber(), reconyx == null ? null : reconyx.sequenceTotal(),
                reconyx == null ? null : reconyx.eventNumber(), reconyx == null ? null : reconyx.triggerMode(),
                reconyx == null ? null : reconyx.ambientTemperatureC(), reconyx == null ? null : reconyx.moonPhase(),
                exifPosition ? m.latitude() : deploymentPosition ? deployment.latitude() : null,
                exifPosition ? m.longitude() : deploymentPosition ? deployment.longitude() : null,
                exifPosition ? PhotoRecord.POSITION_FROM_EXIF : deploymentPosition ? PhotoRecord.POSITION_FROM_DEPLOYMENT : null,
                List.copyOf(warnings), null);
    }

    /** The line of a photo that was never read, for {@code why}: the folder's station and camera, and the error. */
    PhotoRecord notRead(StoredObject photo, String file, String why) {
        PhotoIdentity folderOnly = identity.identify(file, null, null, null, null);
        return failure(PhotoRead.failed(photo, file, why, 0), folderOnly.station(), folderOnly.camera());
    }

    private static PhotoRecord failure(PhotoRead read, String station, String camera) {
        StoredObject photo = read.photo();
        return new PhotoRecord(read.file(), photo.location().uri(), photo.size(), read.bytesRead(), station, camera, null,
                null, null, null, null, null, null, null, null, null, null,
                null, PhotoRecord.TIME_SOURCE_NONE, null, null, null, null, null, List.of(), List.of(),
                null, null, null, null, null, null, null, null, null, List.of(), read.error());
    }

    /** Always with seconds: LocalDateTime.toString() drops ":00", which breaks comparisons as text. */
    private static String iso(LocalDateTime time) {
        return time == null ? null : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time);
    }
}
