package dk.munin.exif;

import dk.munin.contract.storage.StoredObject;

/**
 * One photo as read from the store: its metadata, or why it could not be read.
 *
 * @param file      the photo's path below input_uri
 * @param bytesRead bytes fetched from the store for it
 */
record PhotoRead(StoredObject photo, String file, PhotoMetadata metadata, String error, long bytesRead) {

    static PhotoRead failed(StoredObject photo, String file, String error, long bytesRead) {
        return new PhotoRead(photo, file, null, error, bytesRead);
    }
}
