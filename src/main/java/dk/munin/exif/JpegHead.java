package dk.munin.exif;

import java.util.List;

/**
 * What {@link JpegHeadReader} took from the start of a JPEG.
 *
 * @param metadataJpeg a minimal JPEG stream for metadata-extractor: SOI, the EXIF segment and
 *                     the frame header as found in the file, then the SOS marker
 * @param exif         the EXIF APP1 payload after "Exif\0\0" (a TIFF structure), or null
 * @param frameHeader  whether a frame header (SOF: the pixel size) was found
 * @param bytesRead    bytes fetched from the store for this photo
 * @param requests     range requests made for this photo
 * @param warnings     what was odd about the segment structure
 */
public record JpegHead(byte[] metadataJpeg, byte[] exif, boolean frameHeader, long bytesRead, int requests,
                       List<String> warnings) {
}
