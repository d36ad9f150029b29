package dk.munin.detector.testing;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A Stage-0 images.jsonl as the app writes it: one {"file", "uri"} object per line. */
public final class PhotoListFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> files = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    public PhotoListFile add(String file, Path photo) {
        return addUri(file, "file:" + photo.toAbsolutePath());
    }

    public PhotoListFile addUri(String file, String uri) {
        files.add(file);
        lines.add(JSON.createObjectNode().put("file", file).put("uri", uri).toString());
        return this;
    }

    public List<String> files() {
        return List.copyOf(files);
    }

    public Path writeTo(Path imagesJsonl) {
        try {
            Files.createDirectories(imagesJsonl.toAbsolutePath().getParent());
            return Files.write(imagesJsonl, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
