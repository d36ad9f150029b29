package dk.munin.output.camtrapdp;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The Camtrap DP version Munin writes, and what follows from it: the profile and table schema
 * URLs, the tables and their columns in the official schemas' order.
 */
public final class CamtrapDp {

    /** The one place the format version is kept: every URL below carries it. */
    public static final String VERSION = "1.0.2";
    private static final String BASE_URL = "https://raw.githubusercontent.com/tdwg/camtrap-dp/" + VERSION + "/";
    public static final String PROFILE_URL = BASE_URL + "camtrap-dp-profile.json";
    public static final String DESCRIPTOR = "datapackage.json";

    /**
     * The cells every Camtrap DP table reads as empty ({@code missingValues} of each schema): a
     * value spelled like one of these would come back as missing, quoted or not.
     */
    static final List<String> MISSING_VALUES = List.of("", "NA", "NaN", "nan");

    /**
     * The Frictionless path rule (media.filePath, and paths in contributors, sources, licenses): a
     * URL or a relative POSIX path, never starting with '.', '/' or '~' and never holding "..".
     */
    static final Pattern FRICTIONLESS_PATH = Pattern.compile("^(?=^[^./~])(^((?!\\.{2}).)*$).*$");

    private CamtrapDp() {
    }

    /** A value of one of Camtrap DP's controlled vocabularies, as the spec spells it (e.g. {@code activityDetection}). */
    public interface Term {

        /** The constant's name in lower camel case: ACTIVITY_DETECTION is activityDetection, as Camtrap DP spells its terms. */
        default String term() {
            String[] words = ((Enum<?>) this).name().toLowerCase(Locale.ROOT).split("_");
            StringBuilder term = new StringBuilder(words[0]);
            for (int i = 1; i < words.length; i++) {
                term.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
            }
            return term.toString();
        }
    }

    /** The three tables Camtrap DP requires, with the columns of their 1.0.2 Table Schemas, in order. */
    public enum Table {
        DEPLOYMENTS("deployments", List.of("deploymentID", "locationID", "locationName", "latitude", "longitude",
                "coordinateUncertainty", "deploymentStart", "deploymentEnd", "setupBy", "cameraID", "cameraModel",
                "cameraDelay", "cameraHeight", "cameraDepth", "cameraTilt", "cameraHeading", "detectionDistance",
                "timestampIssues", "baitUse", "featureType", "habitat", "deploymentGroups", "deploymentTags",
                "deploymentComments")),
        MEDIA("media", List.of("mediaID", "deploymentID", "captureMethod", "timestamp", "filePath", "filePublic",
                "fileName", "fileMediatype", "exifData", "favorite", "mediaComments")),
        OBSERVATIONS("observations", List.of("observationID", "deploymentID", "mediaID", "eventID", "eventStart",
                "eventEnd", "observationLevel", "observationType", "cameraSetupType", "scientificName", "count",
                "lifeStage", "sex", "behavior", "individualID", "individualPositionRadius", "individualPositionAngle",
                "individualSpeed", "bboxX", "bboxY", "bboxWidth", "bboxHeight", "classificationMethod", "classifiedBy",
                "classificationTimestamp", "classificationProbability", "observationTags", "observationComments"));

        private final String resource;
        private final List<String> columns;

        Table(String resource, List<String> columns) {
            this.resource = resource;
            this.columns = columns;
        }

        /** The resource name Camtrap DP requires in datapackage.json. */
        public String resource() {
            return resource;
        }

        /** The file in the package folder. */
        public String path() {
            return resource + ".csv";
        }

        public String schemaUrl() {
            return BASE_URL + resource + "-table-schema.json";
        }

        public List<String> columns() {
            return columns;
        }
    }
}
