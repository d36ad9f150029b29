package dk.munin.detect;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The SHA-256 a default model was pinned to on its first verified download, kept in the model
 * cache as one small file per published MD5, {@code <cache>/pins/<md5>.properties}. Munin writes
 * a pin once and never changes it: a file at the URL that no longer matches it is refused until
 * someone deletes the pin on purpose.
 */
final class ModelPins {

    private static final String SHA256 = "sha256";

    /**
     * @param sha256 the pinned SHA-256, lower-case hex
     * @param file   the pin file, or null when munin.detect.default-model.sha256 is the pin
     */
    record Pin(String sha256, Path file) {

        String source() {
            return file == null ? "munin.detect.default-model.sha256" : "the SHA-256 pinned on its first verified download (" + file + ")";
        }
    }

    private final Path folder;

    ModelPins(Path cache) {
        this.folder = cache.resolve("pins");
    }

    Optional<Pin> read(String md5) {
        Path file = file(md5);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties pin = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            pin.load(reader);
        } catch (IOException e) {
            throw damaged(file, e.getMessage());
        }
        String sha256 = pin.getProperty(SHA256, "").trim();
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw damaged(file, "no SHA-256 in it");
        }
        return Optional.of(new Pin(sha256, file));
    }

    /** Written to a temporary file and renamed, so a run never reads half a pin. */
    Path write(String md5, String url, String sha256) throws IOException {
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, ".pin-", ".tmp");
        Files.writeString(temporary, """
                # Munin's pin of a default detector model: the SHA-256 of the first file downloaded from url
                # whose MD5 was md5. Every later use of the model is checked against it. Delete this file only
                # to trust a new file at the URL; the next download whose MD5 matches is then pinned.
                url=%s
                md5=%s
                %s=%s
                """.formatted(url, md5, SHA256, sha256), StandardCharsets.UTF_8);
        Path file = file(md5);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    private Path file(String md5) {
        return folder.resolve(md5 + ".properties");
    }

    private static DetectorNotConfigured damaged(Path file, String why) {
        return new DetectorNotConfigured("The pin file " + file + " of the default detector model cannot be used (" + why
                + "): delete it, and the next download whose MD5 matches is pinned again");
    }
}
