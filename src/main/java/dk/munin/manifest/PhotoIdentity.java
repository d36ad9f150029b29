package dk.munin.manifest;

/**
 * What says which camera took a photo (docs/cameras.md): the station and the camera's name
 * (its folder, refined by the device the photo names), the camera's folder and the folder
 * holding the photo, and the serial number and user label from the maker note (null when
 * unknown; the folders are "" for input_uri itself).
 */
public record PhotoIdentity(String station, String camera, String cameraFolder, String photoFolder,
                            String serialNumber, String userLabel) {

    /**
     * Whether a deployment's {@code camera} names this photo's camera: by the camera's name, by
     * its folder, or by the folder holding the photo (what a camera was named before devices
     * split folders, so older manifests keep matching).
     */
    public boolean answersTo(String camera) {
        return camera.equals(this.camera) || camera.equals(cameraFolder) || camera.equals(photoFolder);
    }
}
