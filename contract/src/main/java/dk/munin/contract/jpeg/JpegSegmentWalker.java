package dk.munin.contract.jpeg;

import static dk.munin.contract.jpeg.JpegMarker.EOI;
import static dk.munin.contract.jpeg.JpegMarker.PREFIX;
import static dk.munin.contract.jpeg.JpegMarker.SOI;
import static dk.munin.contract.jpeg.JpegMarker.SOS;

/**
 * Walks a JPEG's marker segments from SOI to the image data, by the marker rules of ITU-T T.81
 * (B.1.1): any number of 0xFF fill bytes may precede a marker; TEM and RST0..7 stand alone; every
 * other marker has a two-byte big-endian length that counts itself and the payload; the walk ends
 * at SOS (the entropy-coded data follows) or EOI.
 *
 * <p>The walker reads nothing but marker codes and length fields, one position at a time and only
 * forwards, so over a ranged source the payloads it steps over are never fetched. It is lazy: the
 * next marker is read when {@link #next()} is called, so a caller that has what it needs stops
 * without causing another read.
 */
public final class JpegSegmentWalker {

    /** Why a walk ended. */
    public enum Reason {
        /** SOS: the entropy-coded image data follows, and no more marker segments before it. */
        START_OF_SCAN,
        END_OF_IMAGE,
        /** The data ends where a marker is due. */
        END_OF_DATA,
        /** The data ends inside a marker's length field. */
        CUT_INSIDE_MARKER,
        /** A byte other than 0xFF where a marker is due (strict walks only). */
        NOT_A_MARKER,
        /** A length field below 2, which cannot even cover itself (strict walks only). */
        IMPOSSIBLE_LENGTH
    }

    /**
     * Where and why a walk ended.
     *
     * @param position the 0xFF of the marker the walk ended at, the byte that is not a marker, or
     *                 where the data ran out
     * @param marker   the marker code at {@code position}, or -1 where none was read
     * @param length   the impossible length field for {@link Reason#IMPOSSIBLE_LENGTH}, else -1
     */
    public record Stop(Reason reason, long position, int marker, int length) {
    }

    private static final int MARKER_AND_LENGTH = 4;

    private final JpegSource source;
    private final boolean skipsJunk;
    private long position = 2;   // right after SOI
    private Stop stop;

    private JpegSegmentWalker(JpegSource source, boolean skipsJunk) {
        this.source = source;
        this.skipsJunk = skipsJunk;
    }

    /**
     * A walk that ends at the first thing that is not a marker where one is due: for readers of
     * metadata, which must not take bytes of an unknown structure for a segment.
     */
    public static JpegSegmentWalker strict(JpegSource source) {
        return new JpegSegmentWalker(source, false);
    }

    /**
     * A walk that steps over junk between segments to the next 0xFF, as libjpeg does ("extraneous
     * bytes before marker"), also where a length below 2 has left it inside a length field: for a
     * decoder that would rather show a damaged photo than none.
     */
    public static JpegSegmentWalker skippingJunk(JpegSource source) {
        return new JpegSegmentWalker(source, true);
    }

    /** Whether the source starts with the SOI marker, as every JPEG does; the walk starts after it. */
    public static boolean startsWithSoi(JpegSource source) {
        return source.readable(0, 2) == 2 && source.byteAt(0) == PREFIX && source.byteAt(1) == SOI;
    }

    /** The next segment before the image data, or null once the walk has ended (then see {@link #stop()}). */
    public JpegSegment next() {
        if (stop != null) {
            return null;
        }
        return skipsJunk ? nextSkippingJunk() : nextStrict();
    }

    /** Why the walk ended; null while it goes on. */
    public Stop stop() {
        return stop;
    }

    private JpegSegment nextStrict() {
        while (true) {
            // One request for the marker and its length: over a ranged source, one fetch.
            int readable = source.readable(position, MARKER_AND_LENGTH);
            if (readable < 2) {
                return stopHere(Reason.END_OF_DATA, -1, -1);
            }
            if (source.byteAt(position) != PREFIX) {
                return stopHere(Reason.NOT_A_MARKER, -1, -1);
            }
            int marker = source.byteAt(position + 1);
            if (marker == PREFIX) {
                position++;   // a fill byte
                continue;
            }
            if (marker == SOS || marker == EOI) {
                return stopHere(marker == SOS ? Reason.START_OF_SCAN : Reason.END_OF_IMAGE, marker, -1);
            }
            if (JpegMarker.standsAlone(marker)) {
                position += 2;
                continue;
            }
            if (readable < MARKER_AND_LENGTH) {
                return stopHere(Reason.CUT_INSIDE_MARKER, marker, -1);
            }
            int length = lengthField();
            if (length < 2) {
                return stopHere(Reason.IMPOSSIBLE_LENGTH, marker, length);
            }
            return segment(marker, length);
        }
    }

    private JpegSegment nextSkippingJunk() {
        while (true) {
            while (source.readable(position, 1) == 1 && source.byteAt(position) != PREFIX) {
                position++;   // junk between segments
            }
            while (source.readable(position + 1, 1) == 1 && source.byteAt(position + 1) == PREFIX) {
                position++;   // fill bytes: the marker code follows the last 0xFF
            }
            if (source.readable(position, 2) < 2) {
                return stopHere(Reason.END_OF_DATA, -1, -1);
            }
            int marker = source.byteAt(position + 1);
            if (marker == SOS || marker == EOI) {
                return stopHere(marker == SOS ? Reason.START_OF_SCAN : Reason.END_OF_IMAGE, marker, -1);
            }
            if (JpegMarker.standsAlone(marker)) {
                position += 2;
                continue;
            }
            if (source.readable(position, MARKER_AND_LENGTH) < MARKER_AND_LENGTH) {
                return stopHere(Reason.CUT_INSIDE_MARKER, marker, -1);
            }
            // A length below 2 ends inside the length field; the junk skip above finds the next marker.
            return segment(marker, lengthField());
        }
    }

    private int lengthField() {
        return (source.byteAt(position + 2) << 8) | source.byteAt(position + 3);
    }

    private JpegSegment segment(int marker, int length) {
        JpegSegment segment = new JpegSegment(marker, position, length);
        position = segment.end();
        return segment;
    }

    private JpegSegment stopHere(Reason reason, int marker, int length) {
        stop = new Stop(reason, position, marker, length);
        return null;
    }
}
