package dk.munin.exif;

import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.contract.storage.StoredObject;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The photos of a run: every object below input_uri whose name ends in a photo extension,
 * in key order (so the same input always gives the same list), at most max_images of them.
 * The listing streams: GuardBudget counts through it and Stage-0 reads through it without
 * either holding the list.
 */
public class PhotoListing {

    private final ObjectStore store;
    private final Set<String> extensions;

    public PhotoListing(ObjectStore store, String extensions) {
        this.store = store;
        this.extensions = Stream.of(extensions.toLowerCase(Locale.ROOT).split("\\s*,\\s*"))
                .map(e -> "." + e.trim().replaceFirst("^\\.", ""))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The photos, produced as consumed; close the stream (try-with-resources). */
    public Stream<StoredObject> photos(Location input, int maxImages) {
        return store.walk(input)
                .filter(object -> isPhoto(object.location()))
                .limit(maxImages);
    }

    /** How many photos a run would read, without holding the listing. */
    public int count(Location input, int maxImages) {
        try (Stream<StoredObject> photos = photos(input, maxImages)) {
            return (int) photos.count();
        }
    }

    boolean isPhoto(Location location) {
        String name = location.name();
        if (name.startsWith(".")) {
            return false; // macOS "._IMG0001.JPG" resource forks and other hidden files are not photos
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return extensions.stream().anyMatch(lower::endsWith);
    }
}
