package dk.munin.exif;

import com.drew.imaging.FileType;
import com.drew.imaging.FileTypeDetector;
import dk.munin.contract.jpeg.JpegMarker;
import dk.munin.contract.jpeg.JpegSegment;
import dk.munin.contract.jpeg.JpegSegmentWalker;
import dk.munin.contract.jpeg.JpegSource;
import dk.munin.contract.photos.UnreadablePhoto;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads only what Stage-0 needs from the start of a JPEG, through ranged reads: it walks the
 * marker segments up to the image data (SOS) and keeps the EXIF APP1 segment and the frame
 * header (SOF, the pixel size). Segments Munin does not read (ICC profiles, XMP, vendor APPn
 * blobs) are stepped over without being fetched when they reach past what was already read.
 *
 * <p>The first request fetches {@code headBytes}; a follow-up request is made only when a kept
 * segment, or the next marker, lies beyond what has been read, and fetches at least
 * {@code extensionBytes}. No photo costs more than {@code maxMetadataBytes}.
 */
public class JpegHeadReader {

    /** Fetches up to {@code length} bytes from {@code start}; fewer at the end of the object. */
    @FunctionalInterface
    public interface RangeSource {
        byte[] read(long start, int length);
    }

    private static final byte[] SOI_MARKER = {(byte) JpegMarker.PREFIX, (byte) JpegMarker.SOI};
    private static final byte[] SOS_MARKER = {(byte) JpegMarker.PREFIX, (byte) JpegMarker.SOS};

    private final int headBytes;
    private final int extensionBytes;
    private final int maxMetadataBytes;

    public JpegHeadReader(int headBytes, int extensionBytes, int maxMetadataBytes) {
        if (headBytes < 4 || extensionBytes < 4 || maxMetadataBytes < headBytes) {
            throw new IllegalArgumentException("head " + headBytes + ", extension " + extensionBytes
                    + " and maximum " + maxMetadataBytes + " bytes must allow at least the first marker");
        }
        this.headBytes = headBytes;
        this.extensionBytes = extensionBytes;
        this.maxMetadataBytes = maxMetadataBytes;
    }

    /**
     * @param size the object's size from the listing, so no request reaches past its end
     * @throws UnreadablePhoto for an empty object or one that is not a JPEG
     */
    public JpegHead read(RangeSource source, long size) throws UnreadablePhoto {
        if (size <= 0) {
            throw new UnreadablePhoto("empty file (0 bytes)");
        }
        Window window = new Window(source, size);
        window.ensure(0, headBytes);
        if (window.available(0) < 2 || window.at(0) != JpegMarker.PREFIX || window.at(1) != JpegMarker.SOI) {
            throw new UnreadablePhoto(notAJpeg(window.copy(0, (int) Math.min(window.available(0), 64))), window.bytesRead, null);
        }
        return walk(window);
    }

    private JpegHead walk(Window window) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        kept.writeBytes(SOI_MARKER);
        List<String> warnings = new ArrayList<>();
        byte[] exif = null;
        boolean frameHeader = false;
        JpegSegmentWalker walker = JpegSegmentWalker.strict(window);
        for (JpegSegment segment = walker.next(); segment != null; segment = walker.next()) {
            long position = segment.start();
            long end = segment.end();
            boolean isFrameHeader = segment.isFrameHeader();
            boolean isExif = exif == null && segment.isExif(window);
            if (isFrameHeader || isExif) {
                if (end > maxMetadataBytes) {
                    warnings.add("metadata reaches past " + maxMetadataBytes + " bytes (munin.exif.max-metadata-bytes); the rest is not read");
                    break;
                }
                window.ensure(position, (int) (end - position));
                int present = (int) Math.min(end - position, window.available(position));
                byte[] bytes = window.copy(position, present);
                if (present < end - position) {
                    warnings.add("the file ends inside segment 0x" + hex(segment.marker()) + " at byte " + position + "; read what is there");
                    int shortLength = present - 2;
                    bytes[2] = (byte) (shortLength >> 8);
                    bytes[3] = (byte) shortLength;
                }
                if (present >= 4) {
                    kept.write(bytes, 0, bytes.length);
                    int tiffOffset = (int) (segment.exifTiffStart() - position);
                    if (isExif && present > tiffOffset) {
                        exif = Arrays.copyOfRange(bytes, tiffOffset, bytes.length);
                    }
                    frameHeader |= isFrameHeader;
                }
                if (present < end - position || frameHeader) {
                    break; // EXIF comes right after SOI (EXIF 2.3, 4.5.4), so nothing Munin reads follows the frame header
                }
            }
            if (end >= maxMetadataBytes) {
                warnings.add("no frame header within the first " + maxMetadataBytes + " bytes (munin.exif.max-metadata-bytes)");
                break;
            }
        }
        if (walker.stop() != null) {
            warnings.addAll(whatEndedTheWalk(walker.stop()));
        }
        kept.writeBytes(SOS_MARKER);
        return new JpegHead(kept.toByteArray(), exif, frameHeader, window.bytesRead, window.requests, warnings);
    }

    /** A walk that ends anywhere but at the image data (or the end of the image) is worth a warning. */
    private static List<String> whatEndedTheWalk(JpegSegmentWalker.Stop stop) {
        long position = stop.position();
        return switch (stop.reason()) {
            case START_OF_SCAN, END_OF_IMAGE -> List.of();
            case END_OF_DATA -> List.of("the file ends before the image data (at byte " + position + ")");
            case NOT_A_MARKER -> List.of("no JPEG marker where one was expected (byte " + position + "); metadata after it is not read");
            case CUT_INSIDE_MARKER -> List.of("the file ends inside the marker at byte " + position);
            case IMPOSSIBLE_LENGTH -> List.of("segment 0x" + hex(stop.marker()) + " at byte " + position
                    + " has an impossible length " + stop.length());
        };
    }

    /** Names what the file is instead, from its magic bytes, so the error helps the researcher. */
    private static String notAJpeg(byte[] start) {
        FileType type;
        try {
            type = FileTypeDetector.detectFileType(new BufferedInputStream(new ByteArrayInputStream(start)));
        } catch (IOException | RuntimeException e) {
            type = FileType.Unknown;
        }
        if (type != FileType.Unknown) {
            return "not a JPEG: the content is " + type.getName();
        }
        return "not a JPEG: it starts with 0x" + HexFormat.of().formatHex(start, 0, Math.min(start.length, 4));
    }

    private static String hex(int marker) {
        return HexFormat.of().withUpperCase().toHexDigits((byte) marker);
    }

    /**
     * The bytes read so far, as one forward-moving window: the walk never goes back, so bytes
     * before the current position are dropped, and a position past the window starts a new one
     * (the skipped bytes are never fetched).
     */
    private final class Window implements JpegSource {
        private final RangeSource source;
        private final long size;
        private byte[] bytes = new byte[0];
        private long start;
        long bytesRead;
        int requests;

        Window(RangeSource source, long size) {
            this.source = source;
            this.size = size;
        }

        /** Makes [from, from + length) readable as far as the object reaches; false when nothing is left there. */
        boolean ensure(long from, int length) {
            long wantedEnd = Math.min(size, from + length);
            if (from >= size) {
                return false;
            }
            long end = start + bytes.length;
            if (from >= start && wantedEnd <= end) {
                return true;
            }
            long fetchFrom = from >= start && from <= end ? end : from;
            long fetchEnd = Math.min(size, Math.max(wantedEnd, fetchFrom + (requests == 0 ? headBytes : extensionBytes)));
            fetchEnd = Math.min(fetchEnd, Math.max(wantedEnd, maxMetadataBytes));
            byte[] fetched = fetchEnd > fetchFrom ? source.read(fetchFrom, (int) (fetchEnd - fetchFrom)) : new byte[0];
            requests++;
            bytesRead += fetched.length;
            if (fetchFrom == end && from >= start && end > from) {
                byte[] joined = new byte[(int) (end - from) + fetched.length];
                System.arraycopy(bytes, (int) (from - start), joined, 0, (int) (end - from));
                System.arraycopy(fetched, 0, joined, (int) (end - from), fetched.length);
                bytes = joined;
            } else {
                bytes = fetched;
            }
            start = from;
            return bytes.length > 0;
        }

        @Override
        public int readable(long from, int wanted) {
            ensure(from, wanted);
            return (int) Math.min(wanted, available(from));
        }

        @Override
        public int byteAt(long position) {
            return at(position);
        }

        long available(long from) {
            return Math.max(0, start + bytes.length - from);
        }

        int at(long position) {
            return bytes[(int) (position - start)] & 0xFF;
        }

        byte[] copy(long from, int length) {
            byte[] copy = new byte[length];
            System.arraycopy(bytes, (int) (from - start), copy, 0, length);
            return copy;
        }
    }
}
