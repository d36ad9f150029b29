package dk.munin.exif;

import dk.munin.manifest.PhotoIdentity;

import java.util.Arrays;

/**
 * Which camera took a photo, from where the photo lies below input_uri and what it says about
 * the device that took it (docs/cameras.md). The camera's folder is the path of the first
 * munin.exif.camera-folder-level folders, or at level 0 the station's folder path (the first
 * munin.exif.station-folder-level folders), so camtrapR's species folders and card-dump
 * folders (100RECNX/) below it are not cameras of their own; "" is input_uri itself. The device
 * is the photo's serial number (with its make), else its make and model. The camera's name is
 * the folder, then {@link #DEVICE_SEPARATOR} and the device when the photo names one:
 * {@code StationA:RECONYX H500HH06211894}, {@code StationA:CUDDEBACK G4}, {@code StationA},
 * {@code :BUSHNELL} (a photo directly in input_uri); null when there is neither. The name
 * depends only on the photo itself, never on which other photos are in the run.
 */
public class CameraIdentity {

    /**
     * Between the camera's folder and its device. Windows and macOS's Finder refuse ':' in folder
     * names, so a folder name does not pass for a device; a device never contains one either.
     */
    public static final String DEVICE_SEPARATOR = ":";

    private final int stationFolderLevel;
    private final int cameraFolderLevel;

    public CameraIdentity(int stationFolderLevel, int cameraFolderLevel) {
        if (stationFolderLevel < 0 || cameraFolderLevel < 0) {
            throw new IllegalArgumentException("folder levels must be 0 or more, got station " + stationFolderLevel
                    + " and camera " + cameraFolderLevel);
        }
        this.stationFolderLevel = stationFolderLevel;
        this.cameraFolderLevel = cameraFolderLevel;
    }

    /**
     * @param file the photo's path relative to input_uri, '/'-separated
     * @param make the photo's normalised make, model and Reconyx serial number (each null when unknown)
     */
    public PhotoIdentity identify(String file, String make, String model, String serialNumber, String userLabel) {
        String folder = cameraFolder(file);
        return new PhotoIdentity(station(file), name(folder, device(make, model, serialNumber)), folder, photoFolder(file),
                serialNumber, userLabel);
    }

    /** The folder at munin.exif.station-folder-level, or null without station folders. */
    String station(String file) {
        String[] folders = folders(file);
        if (stationFolderLevel == 0 || folders.length == 0) {
            return null;
        }
        return folders[Math.min(stationFolderLevel, folders.length) - 1];
    }

    /** The folder path that places the camera; "" for input_uri itself. */
    String cameraFolder(String file) {
        int levels = cameraFolderLevel > 0 ? cameraFolderLevel : stationFolderLevel;
        String[] folders = folders(file);
        return String.join("/", Arrays.copyOf(folders, Math.min(levels, folders.length)));
    }

    /** What the photo says about the device: make and serial number, else make and model; null when it says nothing. */
    static String device(String make, String model, String serialNumber) {
        String device = serialNumber != null ? words(make, serialNumber) : words(make, model);
        return device == null ? null : device.replace(DEVICE_SEPARATOR, " ").trim();
    }

    static String name(String folder, String device) {
        if (device == null) {
            return folder.isEmpty() ? null : folder;
        }
        return folder + DEVICE_SEPARATOR + device;
    }

    private static String photoFolder(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash);
    }

    private static String words(String first, String second) {
        if (first == null) {
            return second;
        }
        return second == null ? first : first + " " + second;
    }

    private static String[] folders(String file) {
        String folder = photoFolder(file);
        return folder.isEmpty() ? new String[0] : folder.split("/");
    }
}
