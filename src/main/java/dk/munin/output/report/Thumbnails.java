package dk.munin.output.report;

import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.contract.storage.StorageUnavailable;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * Small JPEGs of the photos the page shows, read through the store (the photos may be on S3) and
 * written through it under {@code report/} beside the page. The photo is turned as its EXIF
 * orientation says, because the detector's boxes are relative to the photo as displayed. A photo
 * that cannot be decoded gives a placeholder with the reason, never a failed report.
 */
final class Thumbnails {

    /** A thumbnail written at {@code path} (relative to report.html), or why there is none. */
    record Thumbnail(String path, int width, int height, String failure) {

        static Thumbnail failed(String reason) {
            return new Thumbnail(null, 0, 0, reason);
        }

        boolean written() {
            return path != null;
        }
    }

    static final String FOLDER = "report/";

    private final ObjectStore store;
    private final Location input;
    private final Location output;
    private final ReportSettings settings;

    /** @param output the folder of report.html; thumbnails go to its report/ */
    Thumbnails(ObjectStore store, Location input, Location output, ReportSettings settings) {
        this.store = store;
        this.input = input;
        this.output = output;
        this.settings = settings;
    }

    /**
     * @param file        the photo, relative to input_uri
     * @param orientation its EXIF orientation (1..8), null when none
     * @param name        the thumbnail's file name under report/
     */
    Thumbnail of(String file, Integer orientation, String name) {
        BufferedImage photo;
        try {
            photo = decode(file);
        } catch (StorageUnavailable e) {
            throw e; // worth retrying: the stage's Retry runs it again rather than give up on the picture
        } catch (IOException | RuntimeException e) {
            // a missing photo, or one ImageIO cannot decode (it throws unchecked errors for some): only this picture is lost
            return Thumbnail.failed("could not be read for its thumbnail: " + message(e));
        }
        if (photo == null) {
            return Thumbnail.failed("could not be read for its thumbnail: not an image Java can decode");
        }
        BufferedImage upright = Orientation.upright(scaled(photo, orientation), orientation);
        String path = FOLDER + name;
        store.write(output.resolve(path), jpeg(upright));
        return new Thumbnail(path, upright.getWidth(), upright.getHeight(), null);
    }

    /** Decodes only every n-th pixel of a large photo, so a 20-megapixel photo costs little memory. */
    private BufferedImage decode(String file) throws IOException {
        try (InputStream in = store.open(input.resolve(file)); ImageInputStream images = new MemoryCacheImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(images);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(images, true, true);
                int longest = Math.max(reader.getWidth(0), reader.getHeight(0));
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, longest / (settings.thumbnailWidth() * 2));
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        }
    }

    /** Scaled so that the upright picture is thumbnailWidth wide. */
    private BufferedImage scaled(BufferedImage photo, Integer orientation) {
        boolean turned = Orientation.swapsAxes(orientation);
        int uprightWidth = turned ? photo.getHeight() : photo.getWidth();
        double scale = Math.min(1.0, settings.thumbnailWidth() / (double) uprightWidth);
        int width = Math.max(1, (int) Math.round(photo.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(photo.getHeight() * scale));
        BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(photo, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return small;
    }

    private byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality((float) settings.jpegQuality());
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode a thumbnail in memory", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
