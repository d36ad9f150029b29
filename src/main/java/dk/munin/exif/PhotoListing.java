package dk.munin.exif;

import dk.munin.storage.Location;
import dk.munin.storage.ObjectStore;
import dk.munin.storage.StoredObject;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The photos of a run: every object below input_uri whose name ends in a photo extension,
 * in key order (so the same input always gives the same list), at most max_images of them.
 */
public class PhotoListing {

    private final ObjectStore store;
    private final Set<String> extensions;

    public PhotoListing(ObjectStore store, String extensions) {
        this.store = store;
        this.extensions = Set.of(extensions.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).stream()
                .map(e -> "." + e.replaceFirst("^\\.", ""))
                .collect(Collectors.toUnmodifiableSet());
    }

    public List<StoredObject> photos(Location input, int maxImages) {
        return store.list(input).stream()
                .filter(object -> isPhoto(object.location()))
                .limit(maxImages)
                .toList();
    }

    private boolean isPhoto(Location location) {
        String name = location.name();
        if (name.startsWith(".")) {
            return false; // macOS "._IMG0001.JPG" resource forks and other hidden files are not photos
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return extensions.stream().anyMatch(lower::endsWith);
    }
}
