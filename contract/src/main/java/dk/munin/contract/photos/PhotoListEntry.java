package dk.munin.contract.photos;

/**
 * One line of Stage-0's images.jsonl, reduced to what the other stages and the detector need.
 *
 * @param line the 1-based line number, for messages
 * @param file the photo's path relative to the input folder ('/'-separated): MegaDetector's {@code file}
 * @param uri  where the photo is ({@code file:/abs/path} or {@code s3://bucket/key}); null when the line has none
 * @param bytes the object's size from Stage-0's listing, so the detector can refuse a huge file unread; null when not given
 */
public record PhotoListEntry(int line, String file, String uri, Long bytes) {

    public PhotoListEntry(int line, String file, String uri) {
        this(line, file, uri, null);
    }
}
