package dk.munin.contract.jpeg;

/** Marker codes (the byte after 0xFF) and their rules, from ITU-T T.81 table B.1. */
public final class JpegMarker {

    /** Every marker starts with it; more of it before a marker are fill bytes (T.81 B.1.1.2). */
    public static final int PREFIX = 0xFF;
    public static final int SOI = 0xD8;
    public static final int EOI = 0xD9;
    public static final int SOS = 0xDA;
    public static final int DQT = 0xDB;
    public static final int DRI = 0xDD;
    public static final int TEM = 0x01;
    public static final int RST0 = 0xD0;
    public static final int RST7 = 0xD7;
    public static final int SOF0 = 0xC0;
    public static final int SOF1 = 0xC1;
    public static final int SOF15 = 0xCF;
    /** Codes inside the SOF range that are not frame headers: Huffman tables, reserved, arithmetic conditioning. */
    public static final int DHT = 0xC4;
    public static final int JPG = 0xC8;
    public static final int DAC = 0xCC;
    public static final int APP1 = 0xE1;
    public static final int APP14 = 0xEE;

    private JpegMarker() {
    }

    /** TEM and RST0..7 carry no length field: the next marker follows right after them. */
    public static boolean standsAlone(int marker) {
        return marker == TEM || (marker >= RST0 && marker <= RST7);
    }

    /** SOF0..SOF15: the frame header, which holds the pixel size and names the coding process. */
    public static boolean isFrameHeader(int marker) {
        return marker >= SOF0 && marker <= SOF15 && marker != DHT && marker != JPG && marker != DAC;
    }
}
