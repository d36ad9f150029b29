package dk.munin.exif;

import java.util.Arrays;

/**
 * Finds the raw MakerNote (tag 0x927C of the EXIF sub-IFD) in an EXIF TIFF structure.
 * metadata-extractor decodes maker notes it knows into directories but does not keep their
 * bytes; Munin needs them for the Reconyx fields metadata-extractor 2.21 leaves out
 * (see {@link ReconyxMakerNote}). Every offset is bounds-checked: on a corrupted structure the
 * answer is "no maker note", never an exception.
 */
final class ExifMakerNote {

    // TIFF 6.0 / EXIF 2.3 format facts
    private static final int TIFF_MAGIC = 42;
    private static final int TAG_EXIF_IFD_POINTER = 0x8769;
    private static final int TAG_MAKER_NOTE = 0x927C;
    private static final int IFD_ENTRY_BYTES = 12;
    private static final int MAX_IFD_ENTRIES = 1000; // no real IFD comes close; a corrupted count must not loop for long

    private ExifMakerNote() {
    }

    /** @param tiff the EXIF APP1 payload after "Exif\0\0"; null gives null */
    static byte[] find(byte[] tiff) {
        if (tiff == null || tiff.length < 8) {
            return null;
        }
        boolean littleEndian;
        if (tiff[0] == 'I' && tiff[1] == 'I') {
            littleEndian = true;
        } else if (tiff[0] == 'M' && tiff[1] == 'M') {
            littleEndian = false;
        } else {
            return null;
        }
        Tiff reader = new Tiff(tiff, littleEndian);
        if (reader.u16(2) != TIFF_MAGIC) {
            return null;
        }
        long exifIfd = reader.entryValue(reader.u32(4), TAG_EXIF_IFD_POINTER);
        if (exifIfd < 0) {
            return null;
        }
        return reader.undefinedBytes(exifIfd, TAG_MAKER_NOTE);
    }

    private record Tiff(byte[] bytes, boolean littleEndian) {

        int u16(long offset) {
            if (offset < 0 || offset + 2 > bytes.length) {
                return -1;
            }
            int a = bytes[(int) offset] & 0xFF;
            int b = bytes[(int) offset + 1] & 0xFF;
            return littleEndian ? a | b << 8 : a << 8 | b;
        }

        long u32(long offset) {
            if (offset < 0 || offset + 4 > bytes.length) {
                return -1;
            }
            long low = u16(littleEndian ? offset : offset + 2);
            long high = u16(littleEndian ? offset + 2 : offset);
            return high << 16 | low;
        }

        /** The entry of {@code tag} in the IFD at {@code ifd}: its offset, or -1. */
        long entry(long ifd, int tag) {
            int count = u16(ifd);
            if (count < 0 || count > MAX_IFD_ENTRIES) {
                return -1;
            }
            for (int i = 0; i < count; i++) {
                long entry = ifd + 2 + (long) i * IFD_ENTRY_BYTES;
                if (entry + IFD_ENTRY_BYTES > bytes.length) {
                    return -1;
                }
                if (u16(entry) == tag) {
                    return entry;
                }
            }
            return -1;
        }

        long entryValue(long ifd, int tag) {
            long entry = entry(ifd, tag);
            return entry < 0 ? -1 : u32(entry + 8);
        }

        /** An UNDEFINED (byte) value: inline when it fits in 4 bytes, else at the offset the entry gives. */
        byte[] undefinedBytes(long ifd, int tag) {
            long entry = entry(ifd, tag);
            if (entry < 0) {
                return null;
            }
            long count = u32(entry + 4);
            long offset = count <= 4 ? entry + 8 : u32(entry + 8);
            if (count <= 0 || offset < 0 || offset + count > bytes.length) {
                return null;
            }
            return Arrays.copyOfRange(bytes, (int) offset, (int) (offset + count));
        }
    }
}
