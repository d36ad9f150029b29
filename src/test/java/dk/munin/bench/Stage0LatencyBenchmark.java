package dk.munin.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import dk.munin.contract.progress.ProgressMeter;
import dk.munin.contract.storage.Location;
import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.contract.testing.Fault;
import dk.munin.contract.testing.FaultyS3Proxy;
import dk.munin.exif.PhotoInventory;
import dk.munin.exif.Stage0Fixtures;
import dk.munin.exif.Stage0Settings;
import dk.munin.manifest.DeploymentTable;
import dk.munin.state.Json;
import dk.munin.state.PhotoCounts;
import dk.munin.testing.CamelS3;
import dk.munin.testing.TestPhotos;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stage-0 where S3's per-request latency dominates, as in a Lambda function: generated photo
 * objects in the embedded S3 server behind {@link FaultyS3Proxy}, which holds back every answer
 * by a fixed latency, read by Stage-0 ({@link PhotoInventory}, the app's camel-aws2-s3 client)
 * at each head-read concurrency ({@code munin.exif.read-concurrency}) and each number of photos
 * per invocation (the Distributed Map's ItemBatcher size). Prints photos/s for each pair: the
 * figures the 1,000,000-photo model in bench/README.md is built on.
 *
 * <p>Usage: {@code Stage0LatencyBenchmark [photos in the bucket] [latency ms] [concurrencies] [batch sizes] [cells.json]},
 * e.g. {@code 100000 20 1,4,16,64 100,1000,10000 target/bench-scale/stage0.json}; the last, when given,
 * receives the table for {@link ScaleModel}.
 */
public final class Stage0LatencyBenchmark {

    private static final String BUCKET = "survey";
    private static final int PHOTOS_PER_STATION = 1_000;
    private static final LocalDateTime FIRST_PHOTO = LocalDateTime.of(2024, 5, 1, 6, 0);
    private static final int VARIANTS = 500;
    /** Run first and not printed: the JIT compiles the reading path before anything is timed. */
    private static final int WARM_UP_PHOTOS = 200;

    private Stage0LatencyBenchmark() {
    }

    /** One cell of the table: photos per invocation, head reads in flight, and what it took. */
    record Cell(@JsonProperty("batch") int batch, @JsonProperty("concurrency") int concurrency, @JsonProperty("photos") long photos,
                @JsonProperty("seconds") double seconds) {

        @JsonProperty("photos_per_second")
        double photosPerSecond() {
            return photos / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        int photos = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Duration latency = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 20);
        List<Integer> concurrencies = numbers(args.length > 2 ? args[2] : "1,4,16,64");
        List<Integer> batches = numbers(args.length > 3 ? args[3] : "100,1000,10000");
        try (EmbeddedS3 s3 = EmbeddedS3.start(BUCKET)) {
            long started = System.nanoTime();
            put(s3, photos);
            System.out.printf(Locale.ROOT, "Stage-0 latency benchmark: %,d photo objects put in %.1f s; every S3 answer held back %d ms%n",
                    photos, seconds(started), latency.toMillis());
            Fault delay = Fault.delay(latency);
            try (FaultyS3Proxy proxy = FaultyS3Proxy.start(s3.endpoint(), request -> delay);
                 CamelS3 camelS3 = CamelS3.against(proxy.endpoint())) {
                measure(camelS3, Math.min(WARM_UP_PHOTOS, photos), 8, false);
                List<Cell> cells = new ArrayList<>();
                for (int batch : batches) {
                    for (int concurrency : concurrencies) {
                        cells.add(measure(camelS3, Math.min(batch, photos), concurrency, true));
                        proxy.forget();
                    }
                }
                print(cells, concurrencies);
                if (args.length > 4) {
                    Path file = Path.of(args[4]);
                    Files.createDirectories(file.toAbsolutePath().getParent());
                    Files.write(file, Json.writePretty(Map.of("latency_ms", latency.toMillis(), "cells", cells)));
                }
            }
        }
    }

    /**
     * Photos at stations of a thousand, as a survey's cards are laid out ({@code StationNNN/IMG_NNNNN.JPG}),
     * each a small JPEG with EXIF. Encoding one takes about 10 ms, so a few hundred taken at different
     * times are used in turn: what is measured is S3's latency, not which bytes come back.
     */
    private static void put(EmbeddedS3 s3, int photos) {
        List<byte[]> variants = new ArrayList<>();
        for (int i = 0; i < Math.min(photos, VARIANTS); i++) {
            variants.add(TestPhotos.jpeg().taken(FIRST_PHOTO.plusSeconds(37L * i)).bytes());
        }
        for (int i = 0; i < photos; i++) {
            byte[] jpeg = variants.get(i % variants.size());
            String key = String.format(Locale.ROOT, "photos/Station%03d/IMG_%05d.JPG", i / PHOTOS_PER_STATION, i);
            s3.blobs().putBlob(PutObjectRequest.builder().bucket(BUCKET).key(key).build(), new ByteArrayInputStream(jpeg));
        }
    }

    /** One invocation's worth of Stage-0: the first {@code batch} photos, listed, read and written as images.jsonl. */
    private static Cell measure(CamelS3 camelS3, int batch, int concurrency, boolean shown) {
        Stage0Settings settings = Stage0Fixtures.settings(Map.of(Stage0Settings.READ_CONCURRENCY, String.valueOf(concurrency)));
        PhotoInventory inventory = new PhotoInventory(camelS3.storage(), settings, Stage0Fixtures.NOW);
        ProgressMeter quiet = new ProgressMeter(batch, System::nanoTime, null, line -> { }, Long.MAX_VALUE, Double.MAX_VALUE);
        long started = System.nanoTime();
        PhotoCounts counts = inventory.take(Location.parse("s3://" + BUCKET + "/photos/"), batch, null, DeploymentTable.empty(),
                Location.parse(String.format(Locale.ROOT, "s3://%s/results/stage0-%d-%d/images.jsonl", BUCKET, batch, concurrency)), quiet);
        Cell cell = new Cell(batch, concurrency, counts.photosListed(), seconds(started));
        if (counts.photosRead() != batch) {
            throw new IllegalStateException("read " + counts.photosRead() + " of " + batch + " photos: " + counts);
        }
        if (shown) {
            System.out.printf(Locale.ROOT, "  %,7d photos, concurrency %3d: %7.2f s, %8.1f photos/s%n", batch, concurrency, cell.seconds(),
                    cell.photosPerSecond());
        }
        return cell;
    }

    private static void print(List<Cell> cells, List<Integer> concurrencies) {
        StringBuilder header = new StringBuilder("  photos/s         ");
        concurrencies.forEach(c -> header.append(String.format(Locale.ROOT, "%12s", "conc. " + c)));
        System.out.println(header);
        int at = 0;
        while (at < cells.size()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %,7d per batch ", cells.get(at).batch()));
            for (int i = 0; i < concurrencies.size(); i++, at++) {
                row.append(String.format(Locale.ROOT, "%12.1f", cells.get(at).photosPerSecond()));
            }
            System.out.println(row);
        }
    }

    private static List<Integer> numbers(String list) {
        List<Integer> numbers = new ArrayList<>();
        for (String number : list.split(",")) {
            numbers.add(Integer.parseInt(number.trim()));
        }
        return numbers;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
