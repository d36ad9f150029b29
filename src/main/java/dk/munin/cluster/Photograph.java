package dk.munin.cluster;

import java.time.LocalDateTime;

/**
 * One photo of one species (or detector category) as the record table sees it.
 *
 * @param file      the photo's path below input_uri, '/'-separated (images.jsonl's file)
 * @param station   the station it was taken at
 * @param camera    the camera that took it
 * @param species   a human label (the folder it lies in) or the detector's category
 * @param localTime the corrected camera-local time; null when the photo has no usable time
 * @param frame     its frame number in the camera's burst (Reconyx "n of m"), which orders frames
 *                  that share a second; null when the camera does not say
 */
public record Photograph(String file, String station, String camera, String species, LocalDateTime localTime, Integer frame) {

    public Photograph(String file, String station, String camera, String species, LocalDateTime localTime) {
        this(file, station, camera, species, localTime, null);
    }

    /** The folder part of {@link #file}, '' for a photo directly under input_uri. */
    public String directory() {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash);
    }

    public Photograph withFile(String otherFile) {
        return new Photograph(otherFile, station, camera, species, localTime, frame);
    }

    public String fileName() {
        return file.substring(file.lastIndexOf('/') + 1);
    }
}
