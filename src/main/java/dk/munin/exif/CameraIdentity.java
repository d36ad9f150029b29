package dk.munin.exif;

import java.util.Arrays;

/**
 * Station and camera from the folder layout below input_uri, as in camtrapR's
 * {@code Station/Camera/} layout: the folder at munin.exif.station-folder-level names the
 * station; the first munin.exif.camera-folder-level folders name the camera (so card-dump
 * subfolders such as 100RECNX/ below it stay one camera), or, at level 0, the folder holding
 * the photo does. Camera names are paths ("StationA/CAM1"), so equal folder names at two
 * stations stay two cameras.
 */
public class CameraIdentity {

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

    /** @param file the photo's path relative to input_uri, '/'-separated */
    public String station(String file) {
        String[] folders = folders(file);
        if (stationFolderLevel == 0 || folders.length == 0) {
            return null;
        }
        return folders[Math.min(stationFolderLevel, folders.length) - 1];
    }

    public String camera(String file) {
        String[] folders = folders(file);
        if (folders.length == 0) {
            return null;
        }
        int levels = cameraFolderLevel == 0 ? folders.length : Math.min(cameraFolderLevel, folders.length);
        return String.join("/", Arrays.copyOf(folders, levels));
    }

    private static String[] folders(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? new String[0] : file.substring(0, slash).split("/");
    }
}
