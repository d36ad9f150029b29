package dk.munin.exif;

import dk.munin.contract.progress.ProgressMeter;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.contract.storage.StoredObject;
import dk.munin.manifest.DeploymentTable;
import dk.munin.state.Json;
import dk.munin.state.PhotoBatchItem;
import dk.munin.state.PhotoCounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Stage-0 in batches (docs/scale.md): the workflow's Distributed Map hands each Stage0Exif
 * invocation a slice of the input listing, which it reads into a shard of images.jsonl lines
 * ({@link #read}); MergePhotoBatches then joins the shards in listing order into images.jsonl
 * ({@link #merge}), and only there runs the one check across photos, the order of a Reconyx
 * sequence's frames, and the counts, so the file is the one a single invocation writes, byte
 * for byte. A batch that failed every retry leaves its photos a line each saying so.
 */
public class PhotoBatches {

    /** The shards, below the session's work folder, named by the listing position of their first item. */
    public static final String SHARDS = "stage0/batches/";

    private final ObjectStore store;
    private final PhotoInventory inventory;
    private final PhotoListing listing;
    private final Stage0Settings settings;

    public PhotoBatches(ObjectStore store, PhotoInventory inventory, Stage0Settings settings) {
        this.store = store;
        this.inventory = inventory;
        this.listing = new PhotoListing(store, settings.photoExtensions());
        this.settings = settings;
    }

    /**
     * Reads one batch's photos (the other objects of the listing are skipped, as a listing skips
     * them) into its shard.
     *
     * @param inputFolder the run's input_uri, on S3
     * @param workFolder  the session's work folder
     */
    public PhotoBatchShard read(Location inputFolder, List<PhotoBatchItem> items, ZoneId zone, DeploymentTable deployments,
                                Location workFolder, ProgressMeter progress) {
        if (!inputFolder.isS3()) {
            throw new IllegalArgumentException("Photos are read in batches from S3 only, not from " + inputFolder);
        }
        long first = items.isEmpty() ? 0 : items.get(0).index();
        Location shard = workFolder.resolve(SHARDS + String.format(Locale.ROOT, "%010d.jsonl", first));
        List<StoredObject> photos = items.stream()
                .map(item -> new StoredObject(Location.s3Object(inputFolder.bucket(), item.key()), item.size()))
                .filter(object -> listing.isPhoto(object.location()))
                .toList();
        PhotoInventory.RunContext run = new PhotoInventory.RunContext(zone, deployments);
        ImagesJsonlUpload.write(store, shard, lines -> InOrder.map(photos.iterator(), settings.readConcurrency(),
                photo -> inventory.read(photo, inputFolder), read -> {
                    lines.accept(inventory.record(read, run));
                    progress.advance();
                }));
        return new PhotoBatchShard(shard.uri(), first, items.size(), photos.size());
    }

    /**
     * Joins the shards the Map's ResultWriter lists into {@code imagesJsonl}, at most
     * {@code maxImages} photos, as the listing orders them.
     *
     * @param results the ResultWriter's manifest.json
     * @throws PhotoBatchesIncomplete when the results leave out part of the listing
     */
    public PhotoCounts merge(Location results, Location inputFolder, int maxImages, DeploymentTable deployments,
                             Location imagesJsonl, ProgressMeter progress) {
        List<PhotoBatchResults.Batch> batches = PhotoBatchResults.read(store, results);
        PhotoTally summary = new PhotoTally();
        SequenceOrder sequences = new SequenceOrder(settings.openSequences());
        ImagesJsonlUpload.write(store, imagesJsonl, lines -> {
            Consumer<PhotoRecord> line = record -> {
                PhotoRecord checked = sequences.flag(record);
                summary.add(checked);
                lines.accept(checked);
                progress.advance();
            };
            for (PhotoBatchResults.Batch batch : batches) {
                int room = maxImages - summary.listed();
                if (room <= 0) {
                    break;
                }
                if (batch.failed()) {
                    notRead(batch, inputFolder, room, line);
                } else {
                    shardLines(Location.parse(batch.shard().shardUri()), room, line);
                }
            }
        });
        return summary.counts(imagesJsonl.uri(), deployments);
    }

    private void shardLines(Location shard, int room, Consumer<PhotoRecord> line) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(store.open(shard), StandardCharsets.UTF_8))) {
            int taken = 0;
            for (String text = lines.readLine(); text != null && taken < room; text = lines.readLine(), taken++) {
                line.accept(Json.MAPPER.readValue(text, PhotoRecord.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the shard " + shard, e);
        }
    }

    /** A failed batch's photos: a line each, as for a photo that could not be read. */
    private void notRead(PhotoBatchResults.Batch batch, Location inputFolder, int room, Consumer<PhotoRecord> line) {
        List<PhotoBatchItem> items = batch.failedItems();
        String why = "its batch (objects " + items.get(0).index() + " to " + items.get(items.size() - 1).index()
                + " of the listing) failed in Stage-0: " + batch.failure();
        items.stream()
                .map(item -> new StoredObject(Location.s3Object(inputFolder.bucket(), item.key()), item.size()))
                .filter(object -> listing.isPhoto(object.location()))
                .limit(room)
                .forEach(photo -> line.accept(inventory.notRead(photo, inputFolder.relativize(photo.location()), why)));
    }
}
