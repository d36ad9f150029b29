package dk.munin.detect;

import dk.munin.contract.megadetector.ImageEntry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds each photo of images.jsonl in a MegaDetector file made elsewhere. MegaDetector runs
 * often wrote absolute paths, or paths relative to another folder than Munin's input_uri, so:
 *
 * <ol>
 *   <li>a photo whose {@code file} equals an entry's path (after '\' became '/') is that entry;</li>
 *   <li>otherwise it is the one entry whose path ends with "/" + the photo's file (the MegaDetector
 *       run had a longer or absolute root), or the one entry whose path the photo's file ends with
 *       after a '/' (the run was on a subfolder of input_uri) — whole path segments only, so
 *       {@code 12.jpg} never matches {@code 112.jpg};</li>
 *   <li>an entry matched exactly belongs to that photo only; an entry that two photos reach by
 *       suffix, or a photo that reaches two entries, is ambiguous and matches nothing;</li>
 *   <li>a photo that matches no entry is not in the file.</li>
 * </ol>
 */
final class PrecomputedMatcher {

    static final String NOT_IN_FILE = "not in the precomputed MegaDetector file";
    static final String AMBIGUOUS = "ambiguous in the precomputed MegaDetector file, which has ";

    /** What a photo got: an entry, or why not. */
    record Match(ImageEntry entry, String failure) {
    }

    private PrecomputedMatcher() {
    }

    static Map<String, Match> match(List<String> photos, Map<String, ImageEntry> entries) {
        Map<String, List<String>> entriesBySuffix = suffixIndex(entries.keySet());
        Set<String> exactlyMatched = new LinkedHashSet<>();
        for (String photo : photos) {
            if (entries.containsKey(photo)) {
                exactlyMatched.add(photo);
            }
        }
        Map<String, Set<String>> candidates = new LinkedHashMap<>();
        Map<String, Integer> claims = new HashMap<>();
        for (String photo : photos) {
            Set<String> found = new LinkedHashSet<>();
            if (exactlyMatched.contains(photo)) {
                found.add(photo);
            } else {
                found.addAll(entriesBySuffix.getOrDefault(photo, List.of()));
                for (String suffix : properSuffixes(photo)) {
                    if (entries.containsKey(suffix)) {
                        found.add(suffix);
                    }
                }
                found.removeAll(exactlyMatched);
                found.forEach(path -> claims.merge(path, 1, Integer::sum));
            }
            candidates.put(photo, found);
        }
        Map<String, Match> matches = new LinkedHashMap<>();
        candidates.forEach((photo, found) -> matches.put(photo, decide(photo, found, entries, exactlyMatched, claims)));
        return matches;
    }

    private static Match decide(String photo, Set<String> found, Map<String, ImageEntry> entries, Set<String> exactlyMatched,
                                Map<String, Integer> claims) {
        if (found.isEmpty()) {
            return new Match(null, NOT_IN_FILE);
        }
        if (found.size() > 1) {
            return new Match(null, AMBIGUOUS + found.size() + " entries ending like it: " + String.join(", ", found));
        }
        String path = found.iterator().next();
        if (!exactlyMatched.contains(photo) && claims.get(path) > 1) {
            return new Match(null, AMBIGUOUS + "one entry, " + path + ", that " + claims.get(path) + " photos end like");
        }
        return new Match(entries.get(path), null);
    }

    /** Every path by each of its proper '/'-suffixes: a/b/c.jpg under b/c.jpg and c.jpg. */
    private static Map<String, List<String>> suffixIndex(Set<String> paths) {
        Map<String, List<String>> index = new HashMap<>();
        for (String path : paths) {
            for (String suffix : properSuffixes(path)) {
                index.computeIfAbsent(suffix, key -> new ArrayList<>()).add(path);
            }
        }
        return index;
    }

    private static List<String> properSuffixes(String path) {
        List<String> suffixes = new ArrayList<>();
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            String suffix = path.substring(slash + 1);
            if (!suffix.isEmpty()) {
                suffixes.add(suffix);
            }
        }
        return suffixes;
    }
}
