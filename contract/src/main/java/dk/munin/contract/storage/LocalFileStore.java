package dk.munin.contract.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Objects as files in local folders; writes go to a temporary file in the same folder that is then renamed. */
public final class LocalFileStore implements ObjectStore {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFileStore.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The end of a temporary file's name: what a write killed before its rename leaves behind. */
    private static final String PARTIAL = ".partial";

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
        return reading(object, () -> Files.readAllBytes(object.path()));
    }

    @Override
    public InputStream open(Location object) {
        return reading(object, () -> Files.newInputStream(object.path()));
    }

    @FunctionalInterface
    private interface FileRead<T> {
        T read() throws IOException;
    }

    /** A read's I/O errors as the store's: a missing file is not found, anything else names the file. */
    private static <T> T reading(Location object, FileRead<T> read) {
        try {
            return read.read();
        } catch (NoSuchFileException e) {
            throw new ObjectNotFound(object);
        } catch (IOException e) {
            throw new StorageException("Cannot read " + object + ": " + e.getMessage(), e);
        }
    }

    /** One positional read into an array of the size asked for: Stage-0 calls this for every photo. */
    @Override
    public byte[] readRange(Location object, long start, int length) {
        return reading(object, () -> {
            try (FileChannel file = FileChannel.open(object.path(), StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.allocate(length);
                while (buffer.hasRemaining() && file.read(buffer, start + buffer.position()) > 0) {
                    // a file read may return fewer bytes than asked for; keep reading until the range or the file ends
                }
                return buffer.position() == length ? buffer.array() : Arrays.copyOf(buffer.array(), buffer.position());
            }
        });
    }

    @Override
    public void write(Location object, byte[] content) {
        writeAtomically(object, temp -> Files.write(temp, content));
    }

    @Override
    public void upload(Location object, Path localFile) {
        // into the temporary file as created, not Files.copy: that would give the target the local file's permissions
        writeAtomically(object, temp -> {
            try (InputStream in = Files.newInputStream(localFile);
                 OutputStream out = Files.newOutputStream(temp, StandardOpenOption.TRUNCATE_EXISTING)) {
                in.transferTo(out);
            }
        });
    }

    @FunctionalInterface
    private interface FileWrite {
        void writeTo(Path temp) throws IOException;
    }

    /** Writes a temporary file beside the target and renames it into place, so readers never see a part. */
    private static void writeAtomically(Location object, FileWrite write) {
        Path target = object.path();
        try {
            Path temp = temporarySibling(target);
            try {
                write.writeTo(temp);
                moveIntoPlace(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new StorageException("Cannot write " + object + ": " + e.getMessage(), e);
        }
    }

    /**
     * The content goes into a temporary sibling first and is then hard-linked to the name: link(2)
     * fails when the name exists, so the object appears whole, once. On a file system without hard
     * links (exFAT on a card reader), an exclusive create written in one go instead.
     */
    @Override
    public boolean createIfAbsent(Location object, byte[] content) {
        Path target = object.path();
        try {
            Path temp = temporarySibling(target);
            try {
                Files.write(temp, content);
                Files.createLink(target, temp);
                return true;
            } catch (FileAlreadyExistsException taken) {
                return false;
            } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
                return createExclusively(target, content);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new StorageException("Cannot create " + object + ": " + e.getMessage(), e);
        }
    }

    private static boolean createExclusively(Path target, byte[] content) throws IOException {
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(content);
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        }
    }

    @Override
    public boolean exists(Location object) {
        return Files.exists(object.path());
    }

    @Override
    public void delete(Location object) {
        try {
            Files.deleteIfExists(object.path());
        } catch (IOException e) {
            throw new StorageException("Cannot delete " + object + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void deleteAll(Location folder) {
        Path root = folder.path();
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new StorageException("Cannot delete " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void removeIfEmpty(Location folder) {
        try {
            Files.deleteIfExists(folder.path());
        } catch (DirectoryNotEmptyException stillInUse) {
            // another process's files, or the user's own: leave them
        } catch (IOException e) {
            throw new StorageException("Cannot remove " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int removeUnfinishedWrites(Location folder, Location spared) {
        Path root = folder.path();
        if (!Files.isDirectory(root)) {
            return 0;
        }
        Path sparedPath = spared.path();
        try (Stream<Path> paths = Files.walk(root)) { // links are not followed: nothing outside the folder is touched
            List<Path> unfinished = paths.filter(path -> !path.startsWith(sparedPath) && isTemporary(path.getFileName().toString()))
                    .filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).toList();
            for (Path path : unfinished) {
                Files.deleteIfExists(path);
            }
            return unfinished.size();
        } catch (IOException e) {
            throw new StorageException("Cannot remove unfinished writes below " + folder + ": " + e.getMessage(), e);
        }
    }

    private static boolean isTemporary(String name) {
        return name.startsWith(".") && name.endsWith(PARTIAL);
    }

    /**
     * Hidden (dot) and ending in .partial: listings of a run's outputs can tell an unfinished write
     * apart. Created as any new file is, so the user's umask decides its permissions and every
     * output gets the same ones (Files.createTempFile would make it 0600 whatever the umask).
     */
    private static Path temporarySibling(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        while (true) {
            Path temp = target.resolveSibling("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + PARTIAL);
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException taken) {
                // another writer's temporary file of the same name: draw again
            }
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new StorageException("Cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A folder entry with its own attributes (links not followed); for a symbolic link to a
     * folder, {@code linkedFolder} is set and it sorts as the folder it stands for.
     */
    private record Entry(Path path, BasicFileAttributes attributes, boolean linkedFolder, String sortName) {

        static Entry of(Path path) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                boolean linkedFolder = attributes.isSymbolicLink() && Files.isDirectory(path);
                String name = path.getFileName().toString();
                // a folder's keys all start with its name + '/', so that is where it sorts among its siblings
                return new Entry(path, attributes, linkedFolder, attributes.isDirectory() || linkedFolder ? name + "/" : name);
            } catch (IOException e) {
                throw new StorageException("Cannot read the attributes of " + path + ": " + e.getMessage(), e);
            }
        }
    }

    /** A folder being walked: its remaining entries and where it really is (links resolved). */
    private record Folder(Iterator<Entry> entries, Path real) {
    }

    /**
     * Depth-first over sorted folder entries; regular files, also through symbolic links. A link
     * to a folder is followed (a researcher may link camera folders in from elsewhere), its
     * photos keyed by the link's path, unless following it would list a folder again: its target
     * is inside the walked folder (those files are listed under their own keys), holds a folder
     * the walk is in (a loop), or was already reached through another link. A skipped link is logged.
     */
    private static final class SortedWalk implements Iterator<StoredObject> {

        private final Deque<Folder> folders = new ArrayDeque<>();
        private final Path rootReal;
        private final Set<Path> linkTargets = new HashSet<>();
        private StoredObject next;

        SortedWalk(Path root) {
            rootReal = realPath(root);
            folders.push(new Folder(sortedEntries(root), rootReal));
        }

        @Override
        public boolean hasNext() {
            while (next == null && !folders.isEmpty()) {
                Folder folder = folders.peek();
                if (!folder.entries().hasNext()) {
                    folders.pop();
                    continue;
                }
                Entry entry = folder.entries().next();
                if (entry.attributes.isDirectory()) {
                    folders.push(new Folder(sortedEntries(entry.path), folder.real().resolve(entry.path.getFileName())));
                } else if (entry.linkedFolder) {
                    enterLinkedFolder(entry.path);
                } else if (entry.attributes.isRegularFile()) {
                    next = new StoredObject(Location.of(entry.path), entry.attributes.size());
                } else if (entry.attributes.isSymbolicLink() && Files.isRegularFile(entry.path)) {
                    next = new StoredObject(Location.of(entry.path), sizeOf(entry.path));
                }
            }
            return next != null;
        }

        private void enterLinkedFolder(Path link) {
            Path target = realPath(link);
            String skipped = null;
            if (target.startsWith(rootReal)) {
                skipped = "its target is inside the folder being listed, whose files are listed under their own names";
            } else if (folders.stream().anyMatch(open -> open.real().startsWith(target))) {
                skipped = "it leads back into a folder it is in (a loop)";
            } else if (!linkTargets.add(target)) {
                skipped = "its target was already listed through another link";
            }
            if (skipped != null) {
                LOG.warn("Not following the link {} to {}: {}", link, target, skipped);
                return;
            }
            folders.push(new Folder(sortedEntries(link), target));
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

        private static Path realPath(Path path) {
            try {
                return path.toRealPath();
            } catch (IOException e) {
                throw new StorageException("Cannot resolve " + path + ": " + e.getMessage(), e);
            }
        }

        /** A folder's entries with their attributes, read once (one system call per entry, not three). */
        private static Iterator<Entry> sortedEntries(Path folder) {
            try (Stream<Path> entries = Files.list(folder)) {
                List<Entry> sorted = entries.map(Entry::of).sorted(Comparator.comparing(Entry::sortName)).toList();
                return sorted.iterator();
            } catch (IOException e) {
                throw new StorageException("Cannot list " + folder + ": " + e.getMessage(), e);
            }
        }
    }
}
