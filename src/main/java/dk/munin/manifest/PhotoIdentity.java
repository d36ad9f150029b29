package dk.munin.manifest;

/**
 * What says which camera took a photo: station and camera from the folder layout, the serial
 * number and user label from the maker note (null when unknown).
 */
public record PhotoIdentity(String station, String camera, String serialNumber, String userLabel) {
}
