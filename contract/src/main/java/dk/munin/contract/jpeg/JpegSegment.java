package dk.munin.contract.jpeg;

/**
 * One marker segment: the marker, its two-byte length field, and {@code length - 2} bytes of
 * payload. Positions are absolute, in the source the segment was found in.
 *
 * @param marker the marker code, the byte after 0xFF
 * @param start  where the segment starts: the 0xFF right before the marker code
 * @param length the length field: itself (2 bytes) and the payload; it says nothing of the marker
 */
public record JpegSegment(int marker, long start, int length) {

    /** EXIF 2.3 section 4.7.2: an APP1 segment whose payload starts with this holds EXIF (a TIFF structure). */
    private static final byte[] EXIF_IDENTIFIER = {'E', 'x', 'i', 'f', 0, 0};

    public long payloadStart() {
        return start + 4;
    }

    public int payloadLength() {
        return length - 2;
    }

    /** Where the next marker is due. */
    public long end() {
        return start + 2 + length;
    }

    public boolean isFrameHeader() {
        return JpegMarker.isFrameHeader(marker);
    }

    /** An APP1 segment holding EXIF; reads (and a remote source fetches) only the identifier's 6 bytes. */
    public boolean isExif(JpegSource source) {
        return marker == JpegMarker.APP1 && payloadStartsWith(source, EXIF_IDENTIFIER);
    }

    /** Where the TIFF structure of an EXIF segment starts, after "Exif\0\0". */
    public long exifTiffStart() {
        return payloadStart() + EXIF_IDENTIFIER.length;
    }

    /** Whether the payload begins with {@code identifier} (APPn segments say what they hold this way). */
    public boolean payloadStartsWith(JpegSource source, byte[] identifier) {
        long payload = payloadStart();
        if (payloadLength() < identifier.length || source.readable(payload, identifier.length) < identifier.length) {
            return false;
        }
        for (int i = 0; i < identifier.length; i++) {
            if (source.byteAt(payload + i) != (identifier[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }
}
