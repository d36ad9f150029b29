package dk.munin.exif;

import dk.munin.contract.settings.Settings;
import dk.munin.manifest.DeploymentTable;

import java.time.LocalDate;
import java.util.List;

/**
 * Stage-0's settings, bound once from application.properties (each is described there). Bound
 * from {@link Settings}, so Stage-0 is built the same with or without Camel: {@code munin stage0}
 * starts no CamelContext for local folders.
 */
public record Stage0Settings(
        String photoExtensions,
        int stationFolderLevel,
        int cameraFolderLevel,
        int headBytes,
        int extensionBytes,
        int maxMetadataBytes,
        int readConcurrency,
        String cameraMakes,
        List<LocalDate> factoryDefaultDates,
        int factoryDefaultDays,
        long maxImagePixels,
        int openSequences,
        int maxDeployments,
        double maxClockDriftPpm,
        int progressEveryPhotos,
        double progressEverySeconds,
        PhotoBatching batches) {

    public static final String PHOTO_EXTENSIONS = "munin.exif.photo-extensions";
    public static final String STATION_FOLDER_LEVEL = "munin.exif.station-folder-level";
    public static final String CAMERA_FOLDER_LEVEL = "munin.exif.camera-folder-level";
    public static final String HEAD_BYTES = "munin.exif.head-bytes";
    public static final String EXTENSION_BYTES = "munin.exif.extension-bytes";
    public static final String MAX_METADATA_BYTES = "munin.exif.max-metadata-bytes";
    public static final String READ_CONCURRENCY = "munin.exif.read-concurrency";
    public static final String CAMERA_MAKES = "munin.exif.camera-makes";
    public static final String FACTORY_DEFAULT_DATES = "munin.exif.factory-default-dates";
    public static final String FACTORY_DEFAULT_DAYS = "munin.exif.factory-default-days";
    public static final String MAX_IMAGE_PIXELS = "munin.exif.max-image-pixels";
    public static final String OPEN_SEQUENCES = "munin.exif.open-sequences";
    public static final String MAX_DEPLOYMENTS = "munin.manifest.max-deployments";
    public static final String MAX_CLOCK_DRIFT_PPM = "munin.manifest.max-clock-drift-ppm";
    public static final String PROGRESS_EVERY_PHOTOS = "munin.exif.progress-every-photos";
    public static final String PROGRESS_EVERY_SECONDS = "munin.exif.progress-every-seconds";

    /** @throws dk.munin.contract.settings.InvalidSetting naming a missing or malformed setting */
    public static Stage0Settings from(Settings settings) {
        return new Stage0Settings(
                settings.text(PHOTO_EXTENSIONS),
                settings.integer(STATION_FOLDER_LEVEL),
                settings.integer(CAMERA_FOLDER_LEVEL),
                settings.integer(HEAD_BYTES),
                settings.integer(EXTENSION_BYTES),
                settings.integer(MAX_METADATA_BYTES),
                settings.integer(READ_CONCURRENCY),
                settings.text(CAMERA_MAKES),
                settings.list(FACTORY_DEFAULT_DATES, "dates such as 2000-01-01,2012-01-01", LocalDate::parse),
                settings.integer(FACTORY_DEFAULT_DAYS),
                settings.whole(MAX_IMAGE_PIXELS),
                settings.integer(OPEN_SEQUENCES),
                settings.integer(MAX_DEPLOYMENTS),
                settings.decimal(MAX_CLOCK_DRIFT_PPM),
                settings.integer(PROGRESS_EVERY_PHOTOS),
                settings.decimal(PROGRESS_EVERY_SECONDS),
                new PhotoBatching(settings.integer(PhotoBatching.FROM_PHOTOS), settings.integer(PhotoBatching.PHOTOS_PER_BATCH),
                        settings.integer(PhotoBatching.MAX_CONCURRENCY), settings.decimal(PhotoBatching.TOLERATED_FAILURE_PERCENTAGE)));
    }

    public DeploymentTable.Limits deploymentLimits() {
        return new DeploymentTable.Limits(maxDeployments, maxClockDriftPpm);
    }
}
