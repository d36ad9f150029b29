package dk.munin.detector;

import dk.munin.detector.photo.PhotoDecoder;

/**
 * What a photo may be and still be read: the bounds that keep one bad file from taking the run's
 * memory or time (docs/detector.md, "Damaged and truncated photos").
 *
 * @param truncatedMinFraction DETECTOR_TRUNCATED_MIN_FRACTION: the least fraction of a truncated photo's rows that must be there
 * @param maxImagePixels       DETECTOR_MAX_IMAGE_PIXELS: the most pixels a photo's header may declare
 * @param maxPhotoBytes        DETECTOR_MAX_PHOTO_BYTES: the largest photo file that is read
 */
public record PhotoLimits(double truncatedMinFraction, long maxImagePixels, long maxPhotoBytes) {

    PhotoDecoder.Limits decoding() {
        return new PhotoDecoder.Limits(truncatedMinFraction, maxImagePixels);
    }
}
