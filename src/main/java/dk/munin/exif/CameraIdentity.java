package dk.munin.exif;

/**
 * Station and camera from the folder layout below input_uri, as camtrapR's
 * {@code Station/Camera/} layout: the folder at the configured level names the station, and
 * the folder holding the photo names the camera (one folder = one memory card dump).
 */
public class CameraIdentity {

    private final int stationFolderLevel;

    public CameraIdentity(int stationFolderLevel) {
        this.stationFolderLevel = stationFolderLevel;
    }

    /** @param file the photo's path relative to input_uri, '/'-separated */
    public String station(String file) {
        String[] folders = folders(file);
        if (stationFolderLevel <= 0 || folders.length == 0) {
            return null;
        }
        return folders[Math.min(stationFolderLevel, folders.length) - 1];
    }

    public String camera(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? null : file.substring(0, slash);
    }

    private static String[] folders(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? new String[0] : file.substring(0, slash).split("/");
    }
}
