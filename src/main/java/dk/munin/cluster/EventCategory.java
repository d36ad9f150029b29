package dk.munin.cluster;

import java.util.Locale;
import java.util.Map;

/**
 * What kind of thing an event is of, in MegaDetector's words plus the two a person's folder
 * label can add: animal, person, vehicle, blank or unknown. A detector event is of its
 * category; a folder named for people, vehicles, nothing or the unidentified says so, and any
 * other folder names an animal (a species or camtrapR's code for one).
 */
public final class EventCategory {

    public static final String ANIMAL = "animal";
    public static final String PERSON = "person";
    public static final String VEHICLE = "vehicle";
    public static final String BLANK = "blank";
    public static final String UNKNOWN = "unknown";

    private static final Map<String, String> LABELS = Map.of(
            "human", PERSON, "person", PERSON, "vehicle", VEHICLE, "blank", BLANK, "empty", BLANK,
            "unknown", UNKNOWN, "unid", UNKNOWN);

    private EventCategory() {
    }

    /** The category of a folder's label. */
    public static String ofLabel(String label) {
        return LABELS.getOrDefault(label.toLowerCase(Locale.ROOT), ANIMAL);
    }

    /** The category of an event: its detector category, or its folder label's. */
    public static String of(Event event) {
        return "folder".equals(event.speciesFrom()) ? ofLabel(event.species()) : event.species();
    }
}
