package dk.munin.exif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.contract.photos.UnreadablePhoto;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.testing.SharedData;
import dk.munin.manifest.DeploymentTable;
import dk.munin.manifest.PhotoIdentity;
import dk.munin.stage.stage0exif.Stage0ExifTest;
import dk.munin.state.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * 1,200 seeded mutants of the real shared photos through Stage-0's reading path, with nothing
 * catching exceptions on the way: each must come out as metadata or as UnreadablePhoto with a
 * reason. The mutants live in memory (a sample in a temp dir for the whole stage), never in
 * the repository.
 */
class MutatedPhotosTest {

    private static final long SEED = 20_240_601L;
    private static final int MUTANTS = 1_200;
    private static final int WRITTEN_TO_A_FOLDER = 150;

    @TempDir
    Path dir;

    @Test
    void noMutantEscapesAsAnExceptionAndEachIsARecordOrARecordedError() throws Exception {
        PhotoMutations mutations = mutations();
        JpegHeadReader heads = Stage0Fixtures.heads();
        PhotoMetadataReader reader = Stage0Fixtures.reader();
        TimeCorrector corrector = new TimeCorrector(Stage0Fixtures.settings().factoryDefaultDates(), 1, Stage0Fixtures.NOW);
        List<String> escaped = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();

        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            for (int i = 0; i < MUTANTS; i++) {
                PhotoMutations.Mutant mutant = mutations.next(i);
                try {
                    JpegHead head = heads.read(new JpegHeadReaderTest.RecordingSource(mutant.bytes()), mutant.bytes().length);
                    assertThat(head.bytesRead()).isLessThanOrEqualTo(mutant.bytes().length);
                    PhotoMetadata metadata = reader.read(head);
                    corrector.correct(metadata.dateTimeOriginal(), metadata.offsetTimeOriginal(),
                            new PhotoIdentity("S", "S/C", "S/C", "S/C", null, null), DeploymentTable.empty(), null);
                    outcomes.add(metadata.warnings().isEmpty() ? "record" : "record with warnings");
                } catch (UnreadablePhoto e) {
                    assertThat(e.getMessage()).as(mutant.description()).isNotBlank();
                    outcomes.add("error");
                } catch (Throwable e) {
                    escaped.add(mutant.description() + " -> " + e);
                }
            }
        });

        assertThat(escaped).isEmpty();
        assertThat(outcomes).hasSize(MUTANTS);
        // the mutations bite (unreadable photos, damage reported as warnings) and the reader salvages most photos
        // (seed 20240601: 823 clean records, 374 with warnings, 3 errors)
        assertThat(outcomes).contains("error");
        assertThat(outcomes.stream().filter("record with warnings"::equals).count()).isGreaterThan(MUTANTS / 10);
        assertThat(outcomes.stream().filter(o -> o.startsWith("record")).count()).isGreaterThan(MUTANTS / 2);
    }

    @Test
    void theSameSeedGivesTheSameMutants() throws Exception {
        PhotoMutations first = mutations();
        PhotoMutations second = mutations();
        for (int i = 0; i < 50; i++) {
            PhotoMutations.Mutant a = first.next(i);
            PhotoMutations.Mutant b = second.next(i);
            assertThat(b.description()).isEqualTo(a.description());
            assertThat(b.bytes()).isEqualTo(a.bytes());
        }
    }

    @Test
    void theWholeStageCompletesOverAFolderOfMutants() throws Exception {
        PhotoMutations mutations = mutations();
        for (int i = 0; i < WRITTEN_TO_A_FOLDER; i++) {
            Files.write(Files.createDirectories(dir.resolve("in/S" + i % 5)).resolve(String.format("mutant %03d ø.JPG", i)),
                    mutations.next(i).bytes());
        }
        ObjectNode manifest = Json.object();
        manifest.put("input_uri", dir.resolve("in").toString());
        manifest.put("output_uri", dir.resolve("out").toString());
        manifest.put("max_images", 1000);
        manifest.put("time_zone", "Europe/Copenhagen");

        JsonNode state = (Stage0Fixtures.stage(new LocalFileStore(), Stage0Fixtures.NOW, Map.of()).run(manifest));

        assertThat(Stage0ExifTest.lines(state)).hasSize(WRITTEN_TO_A_FOLDER)
                .allSatisfy(line -> assertThat(line.path("error").isNull() || !line.path("error").asText().isBlank()).isTrue());
        assertThat(state.path("stage0_exif").path("photos_listed").asInt()).isEqualTo(WRITTEN_TO_A_FOLDER);
    }

    private static PhotoMutations mutations() throws Exception {
        List<String> names = new ArrayList<>();
        List<byte[]> photos = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SharedData.require("images"))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length > 0) {
                    names.add(SharedData.ROOT.relativize(file).toString());
                    photos.add(bytes);
                }
            }
        }
        return new PhotoMutations(names, photos, SEED);
    }
}
