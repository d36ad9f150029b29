package dk.munin.detector.model;

import ai.onnxruntime.OrtException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A loaded detector model with its decoder: model input in, final boxes out, in pixels of the
 * displayed full-size photo: scored, mapped back through the letterbox or stretch, suppressed
 * per category, clipped to the photo. Classes without a category are dropped before suppression,
 * so an "umbrella" guess can never suppress the animal under it.
 */
public final class ObjectDetector implements AutoCloseable {

    private final OnnxModel model;
    private final OutputDecoder decoder;
    private final DetectionThresholds thresholds;
    private final IntFunction<String> categoryOfClass;

    /**
     * @param categoryOfClass the category a model class counts as (suppression runs within a
     *                        category), or null for a class that is not wanted
     */
    public ObjectDetector(OnnxModel model, OutputDecoder decoder, DetectionThresholds thresholds,
                          IntFunction<String> categoryOfClass) {
        this.model = model;
        this.decoder = decoder;
        this.thresholds = thresholds;
        this.categoryOfClass = categoryOfClass;
    }

    public OnnxModel model() {
        return model;
    }

    public OutputDecoder decoder() {
        return decoder;
    }

    public InputFormat inputFormat() {
        return decoder.layout().inputFormat();
    }

    /** Runs the model; the raw outputs, for {@link #boxes}. Kept apart so the two can be timed apart. */
    public Map<String, float[]> infer(ModelInput.Tensor input) throws OrtException {
        return model.run(input.values());
    }

    /** The final boxes of one photo from the model's outputs, best first. */
    public List<Candidate> boxes(Map<String, float[]> outputs, InputGeometry geometry, int photoWidth, int photoHeight) {
        List<Candidate> wanted = new ArrayList<>();
        for (Candidate candidate : decoder.decode(outputs, thresholds.minScore())) {
            if (categoryOfClass.apply(candidate.classId()) != null) {
                wanted.add(geometry.toPhoto(candidate));
            }
        }
        return NonMaxSuppression.apply(wanted, thresholds.nmsIou(), candidate -> categoryOfClass.apply(candidate.classId()))
                .stream()
                .map(candidate -> candidate.clippedTo(photoWidth, photoHeight))
                .filter(Candidate::hasArea)
                .toList();
    }

    public List<Candidate> detect(ModelInput.Tensor input, int photoWidth, int photoHeight) throws OrtException {
        return boxes(infer(input), input.geometry(), photoWidth, photoHeight);
    }

    @Override
    public void close() {
        try {
            model.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot release the ONNX Runtime session", e);
        }
    }
}
