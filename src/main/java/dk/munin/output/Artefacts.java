package dk.munin.output;

import com.fasterxml.jackson.annotation.JsonProperty;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectNotFound;
import dk.munin.contract.storage.ObjectStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The run report's {@code artefacts}: each file the run wrote with its size and SHA-256, read back
 * from where it was written, so a researcher (or a re-run) can check an output is the one the run
 * made. The report itself is not among them: it is written after they are counted.
 */
final class Artefacts {

    private static final int BUFFER = 1 << 16;

    /** One file: where it is, how many bytes, and their SHA-256 in hex. */
    record Artefact(@JsonProperty("uri") String uri, @JsonProperty("bytes") long bytes, @JsonProperty("sha256") String sha256) {
    }

    private Artefacts() {
    }

    /** The files that exist, in the given order; one gone since it was written is left out. */
    static List<Artefact> of(ObjectStore store, List<String> uris) {
        List<Artefact> artefacts = new ArrayList<>();
        for (String uri : uris) {
            try (InputStream in = store.open(Location.parse(uri))) {
                artefacts.add(digest(uri, in));
            } catch (ObjectNotFound gone) {
                // the report names what is there; final_results still lists what the stages wrote
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + uri + " back for its checksum", e);
            }
        }
        return artefacts;
    }

    private static Artefact digest(String uri, InputStream in) throws IOException {
        MessageDigest sha256 = sha256();
        byte[] buffer = new byte[BUFFER];
        long bytes = 0;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            sha256.update(buffer, 0, read);
            bytes += read;
        }
        return new Artefact(uri, bytes, HexFormat.of().formatHex(sha256.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required algorithm of every Java platform", e);
        }
    }
}
