package dk.munin.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Objects as files in local folders; writes go to a temporary file that is then renamed. */
public class LocalFileStore implements ObjectStore {

    @Override
    public List<StoredObject> list(Location folder) {
        Path root = folder.path();
        if (!Files.isDirectory(root)) {
            throw new ObjectNotFound(folder);
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> new StoredObject(Location.of(file), sizeOf(file)))
                    .sorted(Comparator.comparing(o -> o.location().key()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }

    @Override
    public byte[] read(Location object) {
        try {
            return Files.readAllBytes(object.path());
        } catch (NoSuchFileException e) {
            throw new ObjectNotFound(object);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + object, e);
        }
    }

    @Override
    public byte[] readRange(Location object, long start, int length) {
        try (InputStream in = Files.newInputStream(object.path())) {
            in.skipNBytes(Math.min(start, Files.size(object.path())));
            return in.readNBytes(length);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFound(object);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + object, e);
        }
    }

    @Override
    public void write(Location object, byte[] content) {
        Path target = object.path();
        try {
            Path temp = temporarySibling(target);
            Files.write(temp, content);
            moveIntoPlace(temp, target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + object, e);
        }
    }

    @Override
    public void upload(Location object, Path localFile) {
        Path target = object.path();
        try {
            Path temp = temporarySibling(target);
            Files.copy(localFile, temp, StandardCopyOption.REPLACE_EXISTING);
            moveIntoPlace(temp, target);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + object, e);
        }
    }

    @Override
    public boolean exists(Location object) {
        return Files.exists(object.path());
    }

    private static Path temporarySibling(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        return Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
