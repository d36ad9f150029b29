package dk.munin.contract.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StoredLinesTest {

    @TempDir
    Path temp;

    private final LocalFileStore store = new LocalFileStore();

    private List<String> linesOf(String content, int chunkBytes) {
        Location file = Location.of(temp.resolve("lines.txt"));
        store.write(file, content.getBytes(StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        new StoredLines(store, chunkBytes).read(file, line -> lines.add(line));
        return lines;
    }

    /** Chunk sizes that split lines, split a two-byte character, and end exactly on a chunk. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 7, 8, 64})
    void givesTheSameLinesWhateverTheChunkSize(int chunkBytes) {
        assertThat(linesOf("first\nRæv i sne\n\nlast\n", chunkBytes)).containsExactly("first", "Ræv i sne", "", "last");
    }

    @Test
    void aLastLineWithoutNewlineStillCounts() {
        assertThat(linesOf("a\nbc", 2)).containsExactly("a", "bc");
    }

    @Test
    void stopsWhenTheCallerHasEnough() {
        Location file = Location.of(temp.resolve("many.txt"));
        store.write(file, "1\n2\n3\n4\n".getBytes(StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();

        new StoredLines(store, 2).read(file, line -> {
            seen.add(line);
            return seen.size() < 2;
        });

        assertThat(seen).containsExactly("1", "2");
    }
}
