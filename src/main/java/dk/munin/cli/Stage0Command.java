package dk.munin.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.contract.settings.Settings;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectNotFound;
import dk.munin.exif.Stage0Settings;
import dk.munin.manifest.InvalidManifest;
import dk.munin.stage.stage0exif.Stage0Exif;
import dk.munin.state.PhotoCounts;
import dk.munin.state.RunState;
import dk.munin.state.Stage;
import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code munin stage0}: Stage-0 alone, as one process: lists and reads the photos, corrects their
 * clocks and writes stage0/images.jsonl under --output. For local folders it starts no
 * CamelContext at all, so it is as quick to start as a command-line tool; an s3:// location
 * starts Camel for the S3 client {@code munin run} uses.
 */
@Command(name = "stage0", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reads every photo's time, camera and position into <output>/stage0/images.jsonl, without detection or a budget.")
final class Stage0Command implements Callable<Integer> {

    @ParentCommand
    private MuninCli munin;

    @Option(names = "--input", required = true, paramLabel = "URI", description = "folder, file: URI or s3://bucket/prefix/ holding the photos")
    private String input;
    @Option(names = "--output", required = true, paramLabel = "URI", description = "folder or s3://bucket/prefix/; images.jsonl goes to <output>/stage0/")
    private String output;
    @Option(names = "--time-zone", paramLabel = "ZONE", description = "the zone (or fixed offset) the camera clocks keep, e.g. Europe/Copenhagen")
    private String timeZone;
    @Option(names = "--max-images", paramLabel = "N", description = "at most this many photos (default munin.manifest.default-max-images)")
    private Integer maxImages;
    @Option(names = "--manifest", paramLabel = "FILE", description = {"a manifest JSON for its time_zone and deployments table (docs/manifest.md);",
            "the options above override its fields"})
    private Path manifestFile;

    @Override
    public Integer call() {
        Settings settings = CliSettings.of(munin.overrides);
        ObjectNode manifest = ManifestInput.read(manifestFile);
        int max = maxImages != null ? maxImages : manifest.hasNonNull(RunState.MAX_IMAGES) ? manifest.get(RunState.MAX_IMAGES).asInt()
                : settings.integer("munin.manifest.default-max-images");
        String zone = timeZone != null ? timeZone : manifest.hasNonNull(RunState.TIME_ZONE) ? manifest.get(RunState.TIME_ZONE).asText() : null;
        Instant started = munin.clock.instant();
        try {
            PhotoCounts counts = isS3() ? runWithCamel(stage -> stage.read(input, output, max, zone, manifest.get(RunState.DEPLOYMENTS)))
                    : stage(settings).read(input, output, max, zone, manifest.get(RunState.DEPLOYMENTS));
            printSummary(counts, max, Duration.between(started, munin.clock.instant()));
            return MuninCli.OK;
        } catch (InvalidManifest refused) {
            throw new BadInput(ManifestInput.describe(refused));
        } catch (ObjectNotFound e) {
            munin.err.println("✗ Stage-0 failed: there is no folder or prefix at " + input);
            return MuninCli.RUN_FAILED;
        } catch (RuntimeException e) {
            munin.err.println("✗ Stage-0 failed: " + e.getMessage());
            return MuninCli.RUN_FAILED;
        }
    }

    private Stage0Exif stage(Settings settings) {
        Stage0Settings stage0 = Stage0Settings.from(settings);
        return Stage0Exif.of(new LocalFileStore(), stage0, munin.clock);
    }

    /** S3 needs camel-aws2-s3's client, configured by application.properties as for `munin run`. */
    private PhotoCounts runWithCamel(Function<Stage0Exif, PhotoCounts> read) {
        Main camelMain = new Main();
        camelMain.setPropertyPlaceholderLocations(CliSettings.SETTINGS_FILES);
        munin.overrides.forEach((key, value) -> camelMain.addOverrideProperty((String) key, (String) value));
        try {
            camelMain.start();
            return read.apply(camelMain.getCamelContext().getRegistry()
                    .lookupByNameAndType(Stage.STAGE0_EXIF.beanName(), Stage0Exif.class));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Munin could not start: " + e.getMessage(), e);
        } finally {
            camelMain.stop();
        }
    }

    private void printSummary(PhotoCounts counts, int maxImages, Duration elapsed) {
        int photos = counts.photosListed();
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
        munin.out.printf(Locale.ROOT, "✓ Stage-0: %d photos (%d read, %d failed, %d with issues) in %.2f s, %.0f photos/s, %d bytes read%n",
                photos, counts.photosRead(), counts.photosFailed(), counts.photosWithIssues(), seconds, photos / seconds,
                counts.bytesRead());
        if (photos == maxImages) {
            munin.out.printf("  stopped at max_images = %d; use --max-images to read more%n", photos);
        }
        munin.out.println("  " + counts.imagesUri());
    }

    private boolean isS3() {
        return Location.parse(input).isS3() || Location.parse(output).isS3();
    }
}
