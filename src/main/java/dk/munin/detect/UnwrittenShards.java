package dk.munin.detect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.contract.megadetector.BatchInfo;
import dk.munin.contract.megadetector.DetectionStop;
import dk.munin.contract.megadetector.ImageEntry;
import dk.munin.contract.megadetector.MegaDetectorFile;
import dk.munin.contract.photos.PhotoList;
import dk.munin.contract.stage1.ContainerSettings;
import dk.munin.contract.stage1.Stage1Files;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.state.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The output files of a detection job that a driver had to stop, for the containers that never
 * wrote theirs: every photo of such a container's slice marked not detected, as the container
 * would have marked the photos it had not reached, so MergeDetections joins them like any
 * other and the run ends BudgetExhausted with what the others detected. What such a container
 * had checkpointed is not merged: its checkpoints are the detector's (their run key is a hash of
 * its model and settings), and stay where it left them.
 */
final class UnwrittenShards {

    private UnwrittenShards() {
    }

    /** @return the files written, in shard order */
    static List<Location> markNotDetected(ObjectStore store, JobRequest request, DetectionStop reason, String detector, Instant now) {
        Location stage1 = Location.parse(request.env(ContainerSettings.variable(ContainerSettings.OUTPUT_URI))).asFolder();
        List<String> photos = PhotoList.files(store, Location.parse(request.env(ContainerSettings.variable(ContainerSettings.INPUT_URI))));
        int count = request.children();
        List<Location> written = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            Location file = request.isArray() ? Stage1Files.shard(stage1, index, count) : Stage1Files.detections(stage1);
            if (store.exists(file)) {
                continue;
            }
            List<ImageEntry> entries = new ArrayList<>();
            for (String photo : photos.subList(Stage1Files.sliceFirst(index, count, photos.size()), Stage1Files.sliceEnd(index, count, photos.size()))) {
                entries.add(ImageEntry.notDetected(photo, reason));
            }
            ObjectNode metadata = Json.object();
            metadata.putObject("detection_stop").put("reason", reason.id()).put("photos_not_detected", entries.size())
                    .put("written_by", "Munin: the detector container was stopped before it wrote this file");
            store.write(file, MegaDetectorFile.write(new BatchInfo(detector, BatchInfo.completionTime(now), metadata), entries));
            written.add(file);
        }
        return written;
    }
}
