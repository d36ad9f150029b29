package dk.munin.contract.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Symbolic links in a local input folder (docs/storage.md): linked camera folders are listed
 * under the link's name, loops and second links to a folder are not followed, and the walk
 * always ends. The timeouts guard the walk that would otherwise never end.
 */
class LocalFileStoreLinksTest {

    @TempDir
    Path dir;

    private final LocalFileStore store = new LocalFileStore();

    @Test
    @Timeout(30)
    void aCameraFolderLinkedInFromElsewhereIsListedUnderTheLinksName() throws IOException {
        Path card = write("card/DCIM/IMG_0001.JPG");
        Path input = Files.createDirectories(dir.resolve("survey"));
        write("survey/StationA/IMG_0002.JPG");
        Files.createSymbolicLink(input.resolve("StationB"), card.getParent());
        Files.createSymbolicLink(input.resolve("linked.JPG"), card);

        assertThat(keys(input)).containsExactly("StationA/IMG_0002.JPG", "StationB/IMG_0001.JPG", "linked.JPG");
    }

    @Test
    @Timeout(30)
    void aLinkBackToTheFolderOrAnAncestorIsNotFollowed() throws IOException {
        Path input = Files.createDirectories(dir.resolve("survey"));
        write("survey/StationA/IMG_0001.JPG");
        Files.createSymbolicLink(input.resolve("StationA/self"), input.resolve("StationA"));
        Files.createSymbolicLink(input.resolve("StationA/root"), input);
        Files.createSymbolicLink(input.resolve("StationA/up"), dir);
        Files.createSymbolicLink(input.resolve("StationA/slash"), Path.of("/"));

        assertThat(keys(input)).containsExactly("StationA/IMG_0001.JPG");
    }

    @Test
    @Timeout(30)
    void aLoopThroughFoldersOutsideTheInputEnds() throws IOException {
        Path input = Files.createDirectories(dir.resolve("survey"));
        write("x/IMG_X.JPG");
        write("y/IMG_Y.JPG");
        Files.createSymbolicLink(input.resolve("cams"), dir.resolve("x"));
        Files.createSymbolicLink(dir.resolve("x/to-y"), dir.resolve("y"));
        Files.createSymbolicLink(dir.resolve("y/to-x"), dir.resolve("x"));
        Files.createSymbolicLink(input.resolve("again"), dir.resolve("y"));

        assertThat(keys(input)).as("each folder once, under the first path in key order that reaches it")
                .containsExactly("again/IMG_Y.JPG", "again/to-x/IMG_X.JPG");
    }

    @Test
    @Timeout(30)
    void aLinkToAFolderInsideTheInputDoesNotListItTwiceAndABrokenLinkIsSkipped() throws IOException {
        Path input = Files.createDirectories(dir.resolve("survey"));
        write("survey/StationA/IMG_0001.JPG");
        Files.createSymbolicLink(input.resolve("alias"), input.resolve("StationA"));
        Files.createSymbolicLink(input.resolve("broken.JPG"), dir.resolve("absent.JPG"));
        Files.createSymbolicLink(input.resolve("broken"), dir.resolve("absent"));

        assertThat(keys(input)).containsExactly("StationA/IMG_0001.JPG");
    }

    @Test
    @Timeout(30)
    void theInputFolderMayItselfBeALink() throws IOException {
        write("real/StationA/IMG_0001.JPG");
        Path input = Files.createSymbolicLink(dir.resolve("survey"), dir.resolve("real"));
        Files.createSymbolicLink(dir.resolve("real/StationA/loop"), input);

        assertThat(keys(input)).containsExactly("StationA/IMG_0001.JPG");
    }

    private List<String> keys(Path input) {
        Location folder = Location.of(input);
        return store.list(folder).stream().map(object -> folder.relativize(object.location())).toList();
    }

    private Path write(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, relative);
    }
}
