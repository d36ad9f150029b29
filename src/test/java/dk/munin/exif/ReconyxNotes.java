package dk.munin.exif;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

/** HyperFire 2 maker notes written by the tests, at the offsets Reconyx published, for synthetic bursts. */
public final class ReconyxNotes {

    private static final int HF2_LENGTH = 156;

    private ReconyxNotes() {
    }

    public static byte[] hyperFire2(int frame, int frames, long event, LocalDateTime time, String serial, String label) {
        ByteBuffer note = ByteBuffer.allocate(HF2_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        note.put(0, "RECONYXH2\0".getBytes(StandardCharsets.US_ASCII));
        note.put(52, (byte) 'M');
        note.putShort(54, (short) frame).putShort(56, (short) frames);
        note.putShort(58, (short) (event >> 16)).putShort(60, (short) event);
        note.putShort(62, (short) time.getSecond()).putShort(64, (short) time.getMinute()).putShort(66, (short) time.getHour())
                .putShort(68, (short) time.getMonthValue()).putShort(70, (short) time.getDayOfMonth())
                .putShort(72, (short) time.getYear());
        note.putShort(76, (short) 4); // full moon
        note.putShort(80, (short) -3);
        note.put(104, label.getBytes(StandardCharsets.US_ASCII));
        note.put(126, serial.getBytes(StandardCharsets.UTF_16LE));
        return note.array();
    }
}
