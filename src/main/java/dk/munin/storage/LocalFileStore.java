package dk.munin.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Objects as files in local folders; writes go to a temporary file that is then renamed. */
public class LocalFileStore implements ObjectStore {

    /**
     * Walks the folder depth-first, each folder's entries sorted so that the walk yields keys in
     * the same order as sorting all keys would (a folder sorts as its name + '/'), while only the
     * entries of the folders on the current path are held in memory.
     */
    @Override
    public Stream<StoredObject> walk(Location folder) {
        Path root = folder.path();
        if (!Files.isDirectory(root)) {
            throw new ObjectNotFound(folder);
        }
        Iterator<StoredObject> files = new SortedWalk(root);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(files, Spliterator.ORDERED | Spliterator.NONNULL), false);
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

    /** Depth-first over sorted folder entries; regular files (also through symbolic links) only. */
    private static final class SortedWalk implements Iterator<StoredObject> {

        private final Deque<Iterator<Path>> folders = new ArrayDeque<>();
        private StoredObject next;

        SortedWalk(Path root) {
            folders.push(sortedEntries(root));
        }

        @Override
        public boolean hasNext() {
            while (next == null && !folders.isEmpty()) {
                Iterator<Path> entries = folders.peek();
                if (!entries.hasNext()) {
                    folders.pop();
                    continue;
                }
                Path entry = entries.next();
                if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    folders.push(sortedEntries(entry));
                } else if (Files.isRegularFile(entry)) {
                    next = new StoredObject(Location.of(entry), sizeOf(entry));
                }
            }
            return next != null;
        }

        @Override
        public StoredObject next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            StoredObject found = next;
            next = null;
            return found;
        }

        private static Iterator<Path> sortedEntries(Path folder) {
            try (Stream<Path> entries = Files.list(folder)) {
                return entries.map(entry -> Map.entry(sortName(entry), entry))
                        .sorted(Map.Entry.comparingByKey())
                        .map(Map.Entry::getValue)
                        .toList().iterator();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + folder, e);
            }
        }

        /** A folder's keys all start with its name + '/', so that is where it sorts among its siblings. */
        private static String sortName(Path entry) {
            String name = entry.getFileName().toString();
            return Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? name + "/" : name;
        }
    }
}
