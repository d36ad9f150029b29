package dk.munin.contract.jpeg;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JpegSegmentWalkerTest {

    /** A JPEG's marker structure, byte by byte; payloads are filler of the given size. */
    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes() {
            raw(0xFF, JpegMarker.SOI);
        }

        Bytes segment(int marker, byte[] payload) {
            raw(0xFF, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xFF);
            out.writeBytes(payload);
            return this;
        }

        Bytes segment(int marker, int payloadLength) {
            return segment(marker, new byte[payloadLength]);
        }

        Bytes raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        Bytes raw(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    private static List<JpegSegment> walk(JpegSegmentWalker walker) {
        List<JpegSegment> segments = new ArrayList<>();
        for (JpegSegment segment = walker.next(); segment != null; segment = walker.next()) {
            segments.add(segment);
        }
        return segments;
    }

    private static List<Integer> markers(List<JpegSegment> segments) {
        return segments.stream().map(JpegSegment::marker).toList();
    }

    private static byte[] exifPayload() {
        return new byte[] {'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42};
    }

    @Test
    void walksTheSegmentsUpToTheImageData() {
        byte[] jpeg = new Bytes().segment(0xE0, 14).segment(JpegMarker.APP1, exifPayload()).segment(JpegMarker.DQT, 65)
                .segment(JpegMarker.SOF0, 15).segment(JpegMarker.SOS, 10).raw(0x12, 0x34, 0xFF, JpegMarker.EOI).bytes();
        JpegSegmentWalker walker = JpegSegmentWalker.strict(JpegSource.of(jpeg));

        List<JpegSegment> segments = walk(walker);

        assertThat(markers(segments)).containsExactly(0xE0, JpegMarker.APP1, JpegMarker.DQT, JpegMarker.SOF0);
        assertThat(segments.get(0)).isEqualTo(new JpegSegment(0xE0, 2, 16));
        assertThat(segments.get(1).start()).isEqualTo(segments.get(0).end());
        assertThat(segments.get(1).payloadStart()).isEqualTo(segments.get(1).start() + 4);
        assertThat(segments.get(1).payloadLength()).isEqualTo(10);
        assertThat(walker.stop()).isEqualTo(new JpegSegmentWalker.Stop(JpegSegmentWalker.Reason.START_OF_SCAN,
                segments.get(3).end(), JpegMarker.SOS, -1));
        assertThat(walker.next()).isNull();
    }

    @Test
    void fillBytesMayPrecedeAnyMarker() {
        byte[] jpeg = new Bytes().raw(0xFF, 0xFF, 0xFF).segment(0xE0, 4).raw(0xFF).segment(JpegMarker.SOF0, 15).bytes();

        List<JpegSegment> segments = walk(JpegSegmentWalker.strict(JpegSource.of(jpeg)));
        List<JpegSegment> tolerant = walk(JpegSegmentWalker.skippingJunk(JpegSource.of(jpeg)));

        // the segment starts at the last 0xFF, the one right before its marker code
        assertThat(segments).containsExactly(new JpegSegment(0xE0, 5, 6), new JpegSegment(JpegMarker.SOF0, 14, 17));
        assertThat(tolerant).isEqualTo(segments);
    }

    @Test
    void temAndRestartMarkersHaveNoLength() {
        byte[] jpeg = new Bytes().raw(0xFF, JpegMarker.TEM, 0xFF, JpegMarker.RST0, 0xFF, JpegMarker.RST7)
                .segment(JpegMarker.SOF1, 15).raw(0xFF, JpegMarker.EOI).bytes();
        JpegSegmentWalker walker = JpegSegmentWalker.strict(JpegSource.of(jpeg));

        assertThat(walk(walker)).containsExactly(new JpegSegment(JpegMarker.SOF1, 8, 17));
        assertThat(walker.stop().reason()).isEqualTo(JpegSegmentWalker.Reason.END_OF_IMAGE);
        assertThat(walker.stop().position()).isEqualTo(8 + 19);
    }

    @Test
    void aStrictWalkEndsAtJunkWhereTheDecodersWalkStepsOverIt() {
        byte[] jpeg = new Bytes().segment(0xE0, 4).raw(0x00, 0x17).segment(JpegMarker.SOF0, 15).bytes();
        JpegSegmentWalker strict = JpegSegmentWalker.strict(JpegSource.of(jpeg));
        JpegSegmentWalker tolerant = JpegSegmentWalker.skippingJunk(JpegSource.of(jpeg));

        assertThat(markers(walk(strict))).containsExactly(0xE0);
        assertThat(strict.stop()).isEqualTo(new JpegSegmentWalker.Stop(JpegSegmentWalker.Reason.NOT_A_MARKER, 10, -1, -1));
        assertThat(walk(tolerant)).containsExactly(new JpegSegment(0xE0, 2, 6), new JpegSegment(JpegMarker.SOF0, 12, 17));
        assertThat(tolerant.stop().reason()).isEqualTo(JpegSegmentWalker.Reason.END_OF_DATA);
    }

    @Test
    void aLengthBelowTwoEndsAStrictWalkAndIsSteppedOverByTheDecodersWalk() {
        byte[] jpeg = new Bytes().raw(0xFF, 0xE3, 0x00, 0x01).segment(JpegMarker.SOF0, 15).bytes();
        JpegSegmentWalker strict = JpegSegmentWalker.strict(JpegSource.of(jpeg));
        JpegSegmentWalker tolerant = JpegSegmentWalker.skippingJunk(JpegSource.of(jpeg));

        assertThat(walk(strict)).isEmpty();
        assertThat(strict.stop()).isEqualTo(new JpegSegmentWalker.Stop(JpegSegmentWalker.Reason.IMPOSSIBLE_LENGTH, 2, 0xE3, 1));
        assertThat(walk(tolerant)).containsExactly(new JpegSegment(0xE3, 2, 1), new JpegSegment(JpegMarker.SOF0, 6, 17));
    }

    @Test
    void dataThatEndsMidwaySaysWhere() {
        byte[] whole = new Bytes().segment(0xE0, 4).segment(JpegMarker.SOF0, 15).bytes();
        int frameHeader = 2 + 2 + 2 + 4;   // SOI, then APP0's marker, length and payload
        byte[] insideLength = Arrays.copyOf(whole, frameHeader + 3);      // 0xFF 0xC0 and one length byte
        byte[] whereAMarkerIsDue = Arrays.copyOf(whole, frameHeader);

        for (boolean skipsJunk : new boolean[] {false, true}) {
            JpegSegmentWalker cut = walker(insideLength, skipsJunk);
            JpegSegmentWalker ended = walker(whereAMarkerIsDue, skipsJunk);
            walk(cut);
            walk(ended);
            assertThat(cut.stop()).isEqualTo(new JpegSegmentWalker.Stop(JpegSegmentWalker.Reason.CUT_INSIDE_MARKER, frameHeader, JpegMarker.SOF0, -1));
            assertThat(ended.stop()).isEqualTo(new JpegSegmentWalker.Stop(JpegSegmentWalker.Reason.END_OF_DATA, frameHeader, -1, -1));
        }
    }

    @Test
    void aSegmentWhoseLengthRunsPastTheDataIsStillReportedAndTheWalkEndsAfterIt() {
        byte[] jpeg = new Bytes().raw(0xFF, JpegMarker.APP1, 0x10, 0x00).raw(exifPayload()).bytes();
        JpegSegmentWalker walker = JpegSegmentWalker.strict(JpegSource.of(jpeg));

        JpegSegment exif = walker.next();

        assertThat(exif.end()).isGreaterThan(jpeg.length);
        assertThat(exif.isExif(JpegSource.of(jpeg))).isTrue();   // what is there can still be read
        assertThat(walker.next()).isNull();
        assertThat(walker.stop().reason()).isEqualTo(JpegSegmentWalker.Reason.END_OF_DATA);
    }

    @Test
    void recognisesExifByItsIdentifierInsideTheSegmentOnly() {
        byte[] jpeg = new Bytes().segment(JpegMarker.APP1, "http://ns.adobe.com/xap/1.0/\0".getBytes())
                .segment(0xE2, exifPayload())                                         // the identifier in another APPn
                .segment(JpegMarker.APP1, exifPayload())
                .raw(0xFF, JpegMarker.APP1, 0x00, 0x05, 'E', 'x', 'i').raw('f', 0, 0)   // "Exif\0\0" spills past its length
                .bytes();
        JpegSource source = JpegSource.of(jpeg);

        List<JpegSegment> segments = walk(JpegSegmentWalker.strict(source));

        assertThat(segments).map(segment -> segment.isExif(source)).containsExactly(false, false, true, false);
        assertThat(segments.get(2).exifTiffStart()).isEqualTo(segments.get(2).start() + 4 + 6);
        assertThat(source.byteAt(segments.get(2).exifTiffStart())).isEqualTo('M');
    }

    /** A ranged source stand-in: records every byte the walk looked at. */
    private static final class RecordingSource implements JpegSource {
        final JpegSource bytes;
        final List<Long> looked = new ArrayList<>();
        final List<long[]> asked = new ArrayList<>();

        RecordingSource(byte[] jpeg) {
            this.bytes = JpegSource.of(jpeg);
        }

        @Override
        public int readable(long position, int wanted) {
            asked.add(new long[] {position, wanted});
            return bytes.readable(position, wanted);
        }

        @Override
        public int byteAt(long position) {
            looked.add(position);
            return bytes.byteAt(position);
        }
    }

    @Test
    void stepsOverPayloadsWithoutAskingForThem() {
        byte[] jpeg = new Bytes().segment(0xE2, 60_000).segment(0xEF, 60_000).segment(JpegMarker.SOF0, 15)
                .segment(JpegMarker.SOS, 10).bytes();
        RecordingSource source = new RecordingSource(jpeg);

        List<JpegSegment> segments = walk(JpegSegmentWalker.strict(source));

        assertThat(markers(segments)).containsExactly(0xE2, 0xEF, JpegMarker.SOF0);
        for (long[] request : source.asked) {
            assertThat(request[1]).as("a request at " + request[0]).isLessThanOrEqualTo(4);
        }
        for (JpegSegment segment : segments) {
            assertThat(source.looked).noneMatch(at -> at >= segment.payloadStart() && at < segment.end());
        }
    }

    @Test
    void readsTheNextMarkerOnlyWhenAskedFor() {
        byte[] jpeg = new Bytes().segment(JpegMarker.APP1, exifPayload()).segment(JpegMarker.SOF0, 15).bytes();
        RecordingSource source = new RecordingSource(jpeg);
        JpegSegmentWalker walker = JpegSegmentWalker.strict(source);

        JpegSegment first = walker.next();

        assertThat(source.asked).allMatch(request -> request[0] < first.end());
        assertThat(walker.stop()).isNull();
    }

    @Test
    void knowsAJpegByItsStartOfImage() {
        assertThat(JpegSegmentWalker.startsWithSoi(JpegSource.of(new byte[] {(byte) 0xFF, (byte) 0xD8}))).isTrue();
        assertThat(JpegSegmentWalker.startsWithSoi(JpegSource.of(new byte[] {(byte) 0xFF}))).isFalse();
        assertThat(JpegSegmentWalker.startsWithSoi(JpegSource.of("GIF89a".getBytes()))).isFalse();
        assertThat(JpegSegmentWalker.startsWithSoi(JpegSource.of(new byte[0]))).isFalse();
    }

    @Test
    void frameHeadersAreTheSofCodesThatAreNotTablesOrReserved() {
        List<Integer> frameHeaders = new ArrayList<>();
        List<Integer> standAlone = new ArrayList<>();
        for (int marker = 0; marker < 0xFF; marker++) {
            if (JpegMarker.isFrameHeader(marker)) {
                frameHeaders.add(marker);
            }
            if (JpegMarker.standsAlone(marker)) {
                standAlone.add(marker);
            }
        }
        assertThat(frameHeaders).containsExactly(0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF);
        assertThat(standAlone).containsExactly(0x01, 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7);
    }

    private static JpegSegmentWalker walker(byte[] jpeg, boolean skipsJunk) {
        return skipsJunk ? JpegSegmentWalker.skippingJunk(JpegSource.of(jpeg)) : JpegSegmentWalker.strict(JpegSource.of(jpeg));
    }
}
