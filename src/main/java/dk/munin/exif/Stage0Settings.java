package dk.munin.exif;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Stage-0's settings, read from application.properties (each is described there). A record so
 * that Stage-0 can be built with or without Camel: {@code munin stage0} reads the properties
 * file directly and starts no CamelContext for local folders.
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
        double maxClockDriftPpm) {

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

    /** @param setting the value of a key; a missing key is an error naming it */
    public static Stage0Settings from(Function<String, String> setting) {
        Function<String, String> required = key -> {
            String value = setting.apply(key);
            if (value == null) {
                throw new IllegalStateException("Setting " + key + " is missing from application.properties");
            }
            return value.trim();
        };
        return new Stage0Settings(
                required.apply(PHOTO_EXTENSIONS),
                Integer.parseInt(required.apply(STATION_FOLDER_LEVEL)),
                Integer.parseInt(required.apply(CAMERA_FOLDER_LEVEL)),
                Integer.parseInt(required.apply(HEAD_BYTES)),
                Integer.parseInt(required.apply(EXTENSION_BYTES)),
                Integer.parseInt(required.apply(MAX_METADATA_BYTES)),
                Integer.parseInt(required.apply(READ_CONCURRENCY)),
                required.apply(CAMERA_MAKES),
                dates(required.apply(FACTORY_DEFAULT_DATES)),
                Integer.parseInt(required.apply(FACTORY_DEFAULT_DAYS)),
                Long.parseLong(required.apply(MAX_IMAGE_PIXELS)),
                Integer.parseInt(required.apply(OPEN_SEQUENCES)),
                Integer.parseInt(required.apply(MAX_DEPLOYMENTS)),
                Double.parseDouble(required.apply(MAX_CLOCK_DRIFT_PPM)));
    }

    public DeploymentTable.Limits deploymentLimits() {
        return new DeploymentTable.Limits(maxDeployments, maxClockDriftPpm);
    }

    private static List<LocalDate> dates(String list) {
        try {
            return Arrays.stream(list.split(",")).map(String::trim).filter(date -> !date.isEmpty()).map(LocalDate::parse).toList();
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("Setting " + FACTORY_DEFAULT_DATES + " must list dates as 2000-01-01,2012-01-01: "
                    + e.getMessage(), e);
        }
    }
}
