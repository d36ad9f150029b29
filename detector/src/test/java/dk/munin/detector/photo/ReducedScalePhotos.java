package dk.munin.detector.photo;

import dk.munin.contract.testing.SharedData;
import dk.munin.detector.model.InputFormat;
import dk.munin.detector.model.ModelInput;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared photos the detector decodes with {@link ScaledJpegDecoder} when it runs FastestDet:
 * baseline JPEGs large enough for a 1/2, 1/4 or 1/8 decode that still covers the model input.
 * The other 43 shared files (the 100 × 75 camtrapR frames, five photos under 704 pixels on a
 * side, the empty file) are decoded by ImageIO either way: comparing them would compare ImageIO
 * with itself.
 */
final class ReducedScalePhotos {

    /** FastestDet's input: 352 × 352, stretched (FastestDetModelTest reads both from the model). */
    static final PhotoDecoder.SmallestUseful FASTESTDET_INPUT =
            (width, height) -> ModelInput.neededDisplaySize(width, height, InputFormat.STRETCH_BGR, 352, 352);

    /** One photo, and the reduction the detector decodes it at. */
    record Photo(String name, Path file, byte[] bytes, int reduction) {
    }

    private ReducedScalePhotos() {
    }

    /** The photos, or a skipped test when ../shared/data is absent. */
    static List<Photo> forFastestDet() throws IOException {
        Path images = SharedData.ROOT.resolve("images");
        Assumptions.assumeTrue(Files.isDirectory(images),
                "skipped: the shared photos are not at " + images + " (../shared/data is absent in this clone)");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(images)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<Photo> photos = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            int[] size = ScaledJpegDecoder.size(bytes);
            if (size == null) {
                continue;
            }
            int reduction = PhotoDecoder.dctReduction(size[0], size[1], ExifOrientation.of(bytes), FASTESTDET_INPUT);
            if (reduction > 1 && decodes(bytes, reduction)) {
                photos.add(new Photo(images.relativize(file).toString().replace('\\', '/'), file, bytes, reduction));
            }
        }
        return photos;
    }

    private static boolean decodes(byte[] bytes, int reduction) {
        try {
            ScaledJpegDecoder.decode(bytes, reduction);
            return true;
        } catch (ScaledJpegDecoder.Unsupported goesToImageIo) {
            return false;
        }
    }
}
