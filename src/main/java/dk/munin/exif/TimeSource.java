package dk.munin.exif;

/** Where a photo's camera time came from. */
public enum TimeSource {
    /** EXIF DateTimeOriginal (with SubSecTimeOriginal when present). */
    EXIF("exif"),
    /** The Reconyx maker note's own clock, used when the EXIF tag is missing or unusable. */
    MAKERNOTE("makernote"),
    /** No usable time at all. */
    NONE("none");

    private final String label;

    TimeSource(String label) {
        this.label = label;
    }

    /** The value written to images.jsonl's time_source. */
    public String label() {
        return label;
    }
}
