package dk.munin.weather;

import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectNotFound;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.contract.storage.StorageException;
import dk.munin.state.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One provider's cached answers, one file per request URL below
 * {@code <output_uri>/weather/cache/<provider>/}, through the ObjectStore so it works on S3 as
 * on a local folder. The cache only ever saves requests: a file it cannot read, or storage that
 * fails, is logged and treated as no file, and the service is asked as if there were none.
 */
class ResponseCache {

    /** The cache's folder below the run's weather folder. */
    static final String FOLDER = "cache/";

    private static final Logger LOG = LoggerFactory.getLogger(ResponseCache.class);

    /** No cache: nothing is found and nothing kept, so every call is a request (tests of the requests themselves). */
    static final ResponseCache NONE = new ResponseCache(null, null, null, Clock.systemUTC()) {
        @Override
        Optional<CachedResponse> find(String requestUrl) {
            return Optional.empty();
        }

        @Override
        void keep(CachedResponse entry) {
        }
    };

    private final ObjectStore store;
    private final Location folder;
    private final CacheRules rules;
    private final Clock clock;

    /** @param folder the provider's folder, {@code <weather>/cache/<provider>/} */
    ResponseCache(ObjectStore store, Location folder, CacheRules rules, Clock clock) {
        this.store = store;
        this.folder = folder;
        this.rules = rules;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    /** Reused without a request: the service said, or the rules say, it is still current. */
    boolean fresh(CachedResponse entry) {
        return rules.fresh(entry, now());
    }

    /** The kept answer to {@code requestUrl}, if there is one worth reusing or revalidating. */
    Optional<CachedResponse> find(String requestUrl) {
        Location file = fileOf(requestUrl);
        byte[] content;
        try {
            content = store.read(file);
        } catch (ObjectNotFound e) {
            return Optional.empty();
        } catch (StorageException e) {
            LOG.warn("Weather cache {} could not be read ({}): asking the service instead", file, e.getMessage());
            return Optional.empty();
        }
        Optional<CachedResponse> entry = parse(file, content);
        // The file name is a hash: a file that names another request is a copy or an edit, not this answer.
        return entry.filter(e -> e.reusable() && requestUrl.equals(e.requestUrl()));
    }

    private static Optional<CachedResponse> parse(Location file, byte[] content) {
        String problem;
        try {
            CachedResponse entry = Json.MAPPER.readValue(content, CachedResponse.class);
            if (entry != null) {
                return Optional.of(entry);
            }
            problem = "it is empty";
        } catch (IOException | RuntimeException e) {
            problem = e.getMessage();
        }
        LOG.warn("Weather cache {} is not a cached answer ({}): asking the service again and replacing it", file, problem);
        return Optional.empty();
    }

    /** Keeps (or replaces) the file of the entry's request URL. */
    void keep(CachedResponse entry) {
        Location file = fileOf(entry.requestUrl());
        try {
            store.write(file, Json.writePretty(entry));
        } catch (StorageException e) {
            LOG.warn("Weather cache {} could not be written ({}): the next run asks the service again", file, e.getMessage());
        }
    }

    /** Marks the kept answer to {@code requestUrl} as one its provider could not read, so no later run reuses it. */
    void rejectBody(String requestUrl) {
        find(requestUrl).ifPresent(entry -> keep(entry.markedUnreadable()));
    }

    /** {@code <folder>/<SHA-256 of the request URL, in hex>.json}: a fixed-length name for any URL. */
    Location fileOf(String requestUrl) {
        return folder.resolve(sha256(requestUrl) + ".json");
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
