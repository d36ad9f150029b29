package dk.munin.detector.model;

/**
 * Where the photo lies inside the model input, so that boxes in input pixels can be taken back
 * to pixels of the displayed, full-size photo: {@code photoX = (inputX - left) * scaleX}.
 * For a stretched input {@code left = top = 0}; for a letterbox they are the padding.
 *
 * @param left   input pixels of padding left of the photo
 * @param top    input pixels of padding above the photo
 * @param scaleX photo pixels per input pixel, horizontally
 * @param scaleY photo pixels per input pixel, vertically
 */
public record InputGeometry(double left, double top, double scaleX, double scaleY) {

    public Candidate toPhoto(Candidate inInputPixels) {
        return new Candidate(inInputPixels.classId(), inInputPixels.score(),
                (inInputPixels.x1() - left) * scaleX, (inInputPixels.y1() - top) * scaleY,
                (inInputPixels.x2() - left) * scaleX, (inInputPixels.y2() - top) * scaleY);
    }
}
