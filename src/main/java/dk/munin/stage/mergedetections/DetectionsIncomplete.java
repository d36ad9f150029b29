package dk.munin.stage.mergedetections;

import dk.munin.state.PipelineError;

/**
 * The detection job ended but its output is not whole: a shard file is missing, a photo of
 * images.jsonl is in no shard, or there is no detections.json at all. The message names what
 * is missing; later stages would otherwise count missing photos as empty.
 */
public class DetectionsIncomplete extends PipelineError {

    public DetectionsIncomplete(String message) {
        super(message);
    }
}
