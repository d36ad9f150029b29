package dk.munin.detector.photo;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Turns a photo file's bytes into pixels, or into the short reason why it cannot. */
public final class PhotoDecoder {

    static {
        // Decode from memory: ImageIO's default disk cache would write a temporary file per photo.
        ImageIO.setUseCache(false);
    }

    private PhotoDecoder() {
    }

    public static Photo decode(byte[] bytes) throws UnreadablePhoto {
        if (bytes.length == 0) {
            throw new UnreadablePhoto("empty file (0 bytes)");
        }
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException decoderFailure) {
            throw new UnreadablePhoto("cannot decode image: " + decoderFailure.getMessage(), decoderFailure);
        }
        if (image == null) {
            throw new UnreadablePhoto("not a readable image format");
        }
        return new Photo(image, ExifOrientation.of(bytes));
    }
}
