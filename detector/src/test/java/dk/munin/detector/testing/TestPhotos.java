package dk.munin.detector.testing;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** JPEG photos written by the tests, of a chosen size, so runs need no shared data. */
public final class TestPhotos {

    private TestPhotos() {
    }

    /** The bytes of {@link #jpeg}, written in {@code dir} on the way. */
    public static byte[] bytes(Path dir, int width, int height, long seed) {
        try {
            return Files.readAllBytes(jpeg(dir.resolve("photo-" + width + "x" + height + "-" + seed + ".jpg"), width, height, seed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JPEG of the given size with some seeded structure (so it does not compress to nothing). */
    public static Path jpeg(Path file, int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        Random random = new Random(seed);
        graphics.setColor(new Color(random.nextInt(0xFFFFFF)));
        graphics.fillRect(0, 0, width, height);
        for (int i = 0; i < 20; i++) {
            graphics.setColor(new Color(random.nextInt(0xFFFFFF)));
            graphics.fillOval(random.nextInt(width), random.nextInt(height), 1 + random.nextInt(width / 2 + 1), 1 + random.nextInt(height / 2 + 1));
        }
        graphics.dispose();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(image, "jpg", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
