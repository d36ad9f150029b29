package dk.munin.exif;

import dk.munin.contract.progress.ProgressMeter;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.contract.storage.StoredObject;
import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.manifest.DeploymentTable;
import dk.munin.state.Json;
import dk.munin.state.PhotoBatchItem;
import dk.munin.state.PhotoCounts;
import dk.munin.testing.CamelS3;
import dk.munin.testing.TestPhotos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stage-0 in batches without the workflow around it: each batch read into its shard, and the
 * ResultWriter's files, written as Step Functions writes them, joined into images.jsonl
 * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html).
 */
class PhotoBatchesTest {

    private static final Location INPUT = Location.parse("s3://field/raw/");
    private static final Location WORK = Location.parse("s3://field/out/_work/s1/");
    private static final ZoneId ZONE = ZoneId.of("Europe/Copenhagen");

    private static EmbeddedS3 s3;
    private static CamelS3 camelS3;
    private static ObjectStore store;
    private static List<PhotoBatchItem> listing;

    private final Stage0Settings settings = Stage0Fixtures.settings(Map.of(Stage0Settings.READ_CONCURRENCY, "3"));
    private final PhotoInventory inventory = new PhotoInventory(store, settings, Stage0Fixtures.NOW);
    private final PhotoBatches batches = new PhotoBatches(store, inventory, settings);

    @BeforeAll
    static void photos() throws Exception {
        s3 = EmbeddedS3.start("field");
        camelS3 = CamelS3.against(s3);
        store = camelS3.storage();
        for (int i = 0; i < 12; i++) {
            store.write(INPUT.resolve("Station" + (i % 2) + "/IMG_" + (1000 + i) + ".JPG"),
                    TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, i)).bytes());
        }
        store.write(INPUT.resolve("Station0/notes.txt"), "not a photo".getBytes(StandardCharsets.UTF_8));
        store.write(INPUT.resolve("Station1/broken.jpg"), new byte[]{1, 2, 3});
        listing = new ArrayList<>();
        try (Stream<StoredObject> objects = store.walk(INPUT)) {
            objects.forEach(object -> listing.add(new PhotoBatchItem(object.location().key(), object.size(), listing.size())));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        camelS3.close();
        s3.close();
    }

    @Test
    void shardsJoinedInListingOrderAreTheImagesListOneInvocationWrites() {
        Location single = Location.parse("s3://field/out/single/images.jsonl");
        PhotoCounts whole = inventory.take(INPUT, 1000, ZONE, DeploymentTable.empty(), single, quiet());
        // the results in another order than the listing's: the join puts them back
        List<String> succeeded = new ArrayList<>(batchesOf(5).stream().map(batch -> succeeded(read(batch))).toList());
        Collections.reverse(succeeded);
        Location results = results(succeeded, List.of());

        PhotoCounts merged = batches.merge(results, INPUT, 1000, DeploymentTable.empty(), Location.parse("s3://field/out/merged/images.jsonl"), quiet());

        assertThat(listing).hasSize(14);
        assertThat(new String(store.read(Location.parse(merged.imagesUri())), StandardCharsets.UTF_8))
                .isEqualTo(new String(store.read(single), StandardCharsets.UTF_8));
        assertThat(merged).isEqualTo(new PhotoCounts(merged.imagesUri(), whole.formatVersion(), whole.photosListed(), whole.photosRead(),
                whole.photosFailed(), whole.bytesRead(), whole.photosWithIssues(), whole.photosWithWarnings(), whole.deployments(),
                whole.photosInDeployments(), whole.issues(), whole.timeSources()));
        assertThat(merged.photosListed()).isEqualTo(13);
    }

    @Test
    void aBatchThatFailedLeavesEachOfItsPhotosALineSayingWhy() {
        List<List<PhotoBatchItem>> cut = batchesOf(5);
        Location results = results(List.of(succeeded(read(cut.get(0))), succeeded(read(cut.get(2)))), List.of(failed(cut.get(1))));

        PhotoCounts merged = batches.merge(results, INPUT, 1000, DeploymentTable.empty(), Location.parse("s3://field/out/failed/images.jsonl"), quiet());

        List<PhotoRecord> lines = lines(merged);
        assertThat(lines).hasSize(13);
        List<PhotoRecord> notRead = lines.stream().filter(line -> line.error() != null && line.error().contains("its batch")).toList();
        assertThat(notRead).hasSize((int) cut.get(1).stream().filter(item -> !item.key().endsWith(".txt")).count());
        assertThat(notRead.get(0).error()).isEqualTo("its batch (objects 5 to 9 of the listing) failed in Stage-0: FAILED Lambda.Unknown: "
                + "the function ran out of memory");
        assertThat(notRead.get(0).station()).isNotNull();
        assertThat(merged.photosFailed()).isEqualTo(notRead.size() + 1); // and broken.jpg
    }

    @Test
    void maxImagesCutsTheJoinWhereTheListingWouldBeCut() {
        Location results = results(batchesOf(4).stream().map(batch -> succeeded(read(batch))).toList(), List.of());

        PhotoCounts merged = batches.merge(results, INPUT, 6, DeploymentTable.empty(), Location.parse("s3://field/out/six/images.jsonl"), quiet());
        PhotoCounts whole = inventory.take(INPUT, 6, ZONE, DeploymentTable.empty(), Location.parse("s3://field/out/six-whole/images.jsonl"), quiet());

        assertThat(merged.photosListed()).isEqualTo(6);
        assertThat(store.read(Location.parse(merged.imagesUri()))).isEqualTo(store.read(Location.parse(whole.imagesUri())));
    }

    @Test
    void resultsThatLeaveOutPartOfTheListingStopTheJoinNamingIt() {
        List<List<PhotoBatchItem>> cut = batchesOf(5);
        Location results = results(List.of(succeeded(read(cut.get(0))), succeeded(read(cut.get(2)))), List.of());

        assertThatThrownBy(() -> batches.merge(results, INPUT, 1000, DeploymentTable.empty(), Location.parse("s3://field/out/gap/images.jsonl"),
                quiet())).isInstanceOf(PhotoBatchesIncomplete.class).hasMessageContaining("have no batch for the listing's objects 5 to 9");
    }

    @Test
    void batchesAreReadFromS3Only() {
        assertThatThrownBy(() -> batches.read(Location.parse("/photos/"), List.of(), ZONE, DeploymentTable.empty(), WORK, quiet()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from S3 only");
    }

    private PhotoBatchShard read(List<PhotoBatchItem> batch) {
        return batches.read(INPUT, batch, ZONE, DeploymentTable.empty(), WORK, quiet());
    }

    private static List<List<PhotoBatchItem>> batchesOf(int size) {
        List<List<PhotoBatchItem>> cut = new ArrayList<>();
        for (int from = 0; from < listing.size(); from += size) {
            cut.add(listing.subList(from, Math.min(listing.size(), from + size)));
        }
        return cut;
    }

    private static String succeeded(PhotoBatchShard shard) {
        return Json.write(Map.of("Status", "SUCCEEDED", "Output", Json.write(shard)));
    }

    private static String failed(List<PhotoBatchItem> batch) {
        return Json.write(Map.of("Status", "FAILED", "Error", "Lambda.Unknown", "Cause", "the function ran out of memory",
                "Input", Json.write(Map.of("BatchInput", Map.of(), "Items", batch))));
    }

    /** manifest.json and its SUCCEEDED_0.json and FAILED_0.json, as a ResultWriter leaves them. */
    private static Location results(List<String> succeeded, List<String> failed) {
        String run = "maps/" + UUID.randomUUID() + "/";
        Location folder = Location.parse("s3://field/out/_work/s1/stage0/" + run);
        store.write(folder.resolve("SUCCEEDED_0.json"), ("[" + String.join(",", succeeded) + "]").getBytes(StandardCharsets.UTF_8));
        String failedFiles = "";
        if (!failed.isEmpty()) {
            store.write(folder.resolve("FAILED_0.json"), ("[" + String.join(",", failed) + "]").getBytes(StandardCharsets.UTF_8));
            failedFiles = "{\"Key\": \"" + run + "FAILED_0.json\", \"Size\": 1}";
        }
        store.write(folder.resolve("manifest.json"), ("{\"DestinationBucket\": \"field\", \"MapRunArn\": \"arn:aws:states:::mapRun:m/ReadPhotoBatches:1\","
                + " \"ResultFiles\": {\"FAILED\": [" + failedFiles + "], \"PENDING\": [], \"SUCCEEDED\": [{\"Key\": \"" + run
                + "SUCCEEDED_0.json\", \"Size\": 1}]}}").getBytes(StandardCharsets.UTF_8));
        return folder.resolve("manifest.json");
    }

    private static List<PhotoRecord> lines(PhotoCounts counts) {
        List<PhotoRecord> lines = new ArrayList<>();
        for (String line : new String(store.read(Location.parse(counts.imagesUri())), StandardCharsets.UTF_8).split("\n")) {
            lines.add(Json.convert(Json.parse(line), PhotoRecord.class));
        }
        return lines;
    }

    private static ProgressMeter quiet() {
        return new ProgressMeter(0, System::nanoTime, null, line -> { }, Long.MAX_VALUE, Double.MAX_VALUE);
    }
}
