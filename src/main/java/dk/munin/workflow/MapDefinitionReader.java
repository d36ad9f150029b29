package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a Map state (DefinitionReader's part for Type Map): the ItemProcessor as an inner state
 * machine, or the legacy Iterator, which Step Functions still accepts for an Inline Map; the
 * fields only a Distributed Map may have are refused in Inline mode, as Step Functions refuses them.
 */
final class MapDefinitionReader {

    private static final String INLINE = "INLINE";
    private static final String DISTRIBUTED = "DISTRIBUTED";
    private static final Set<String> EXECUTION_TYPES = Set.of("STANDARD", "EXPRESS");
    private static final List<String> DISTRIBUTED_ONLY = List.of("ItemReader", "ItemBatcher", "ResultWriter",
            "ToleratedFailureCount", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "Label");
    private static final List<String> UNSUPPORTED = List.of("ToleratedFailureCountPath", "ItemsPointer", "Items");
    private static final int MAX_LABEL_LENGTH = 40;
    private static final String LABEL_FORBIDDEN = "<>{}[]?*\"#%\\^|~`$&,;:/";

    private MapDefinitionReader() {
    }

    static State map(String name, FieldReader f) {
        for (String field : UNSUPPORTED) {
            if (f.has(field)) {
                throw f.error(field, "is not supported by the embedded runner");
            }
        }
        f.exclusive("ItemProcessor", "Iterator");
        f.exclusive("ItemSelector", "Parameters");
        f.exclusive("MaxConcurrency", "MaxConcurrencyPath");
        f.exclusive("ItemsPath", "ItemReader");
        MapState.Processor processor = processor(f);
        if (!processor.distributed()) {
            for (String field : DISTRIBUTED_ONLY) {
                if (f.has(field)) {
                    throw f.error(field, "is only for a Distributed Map (ItemProcessor.ProcessorConfig.Mode " + DISTRIBUTED + ")");
                }
            }
        }
        String selectorField = f.has("Parameters") ? "Parameters" : "ItemSelector";
        return new MapState(name, f.selector("InputPath"), f.optionalPath("ItemsPath"), f.template(selectorField), processor,
                f.optionalInteger("MaxConcurrency", 0, Integer.MAX_VALUE), f.optionalPath("MaxConcurrencyPath"),
                itemReader(f), itemBatcher(f), resultWriter(f), tolerance(f), label(f),
                f.template("ResultSelector"), f.resultPath("ResultPath"), f.selector("OutputPath"),
                new ErrorHandling(DefinitionReader.retriers(f), DefinitionReader.catchers(f)), f.nextOrEnd());
    }

    private static MapState.Processor processor(FieldReader f) {
        String field = f.has("Iterator") ? "Iterator" : "ItemProcessor";
        JsonNode node = f.raw(field);
        if (node == null) {
            throw f.error("ItemProcessor", "is required: an object with StartAt and States, the states each item runs through");
        }
        FieldReader p = f.nested(field, node);
        p.optionalString("Comment");
        p.requiredString("StartAt");
        p.raw("States");
        boolean distributed = false;
        String executionType = null;
        JsonNode config = p.raw("ProcessorConfig");
        if (config != null) {
            if (field.equals("Iterator")) {
                throw p.error("ProcessorConfig", "belongs in an ItemProcessor; the legacy Iterator is always " + INLINE);
            }
            FieldReader c = p.nested("ProcessorConfig", config);
            String mode = c.optionalString("Mode");
            if (mode != null && !mode.equals(INLINE) && !mode.equals(DISTRIBUTED)) {
                throw c.error("Mode", "must be " + INLINE + " or " + DISTRIBUTED + ", not '" + mode + "'");
            }
            distributed = DISTRIBUTED.equals(mode);
            executionType = c.optionalString("ExecutionType");
            if (distributed && executionType == null) {
                throw c.error("ExecutionType", "is required for a Distributed Map: STANDARD or EXPRESS");
            }
            if (!distributed && executionType != null) {
                throw c.error("ExecutionType", "is only for a Distributed Map (Mode " + DISTRIBUTED + ")");
            }
            if (executionType != null && !EXECUTION_TYPES.contains(executionType)) {
                throw c.error("ExecutionType", "must be STANDARD or EXPRESS, not '" + executionType + "'");
            }
            c.rejectUnread("a ProcessorConfig");
        }
        p.rejectUnread("an " + field);
        StateMachine machine;
        try {
            machine = DefinitionReader.machine(node, null);
        } catch (InvalidDefinition e) {
            throw InvalidDefinition.inField(f.state(), field, e.getMessage());
        }
        return new MapState.Processor(machine, distributed, executionType);
    }

    private static S3Listing itemReader(FieldReader f) {
        JsonNode node = f.raw("ItemReader");
        if (node == null) {
            return null;
        }
        FieldReader r = f.nested("ItemReader", node);
        refuse(r, "ReaderConfig");
        String resource = r.requiredString("Resource");
        if (!resource.equals(S3Listing.RESOURCE)) {
            throw r.error("Resource", "'" + resource + "' is not supported by the embedded runner (only " + S3Listing.RESOURCE + ")");
        }
        PayloadTemplate parameters = s3Parameters(r, Set.of("Bucket", "Prefix"));
        r.rejectUnread("an ItemReader");
        return new S3Listing(parameters);
    }

    private static ItemBatcher itemBatcher(FieldReader f) {
        JsonNode node = f.raw("ItemBatcher");
        if (node == null) {
            return null;
        }
        FieldReader b = f.nested("ItemBatcher", node);
        refuse(b, "MaxInputBytesPerBatchPath");
        b.exclusive("MaxItemsPerBatch", "MaxItemsPerBatchPath");
        Long maxItems = b.optionalInteger("MaxItemsPerBatch", 1, Integer.MAX_VALUE);
        DataPath maxItemsPath = b.optionalPath("MaxItemsPerBatchPath");
        Long maxBytes = b.optionalInteger("MaxInputBytesPerBatch", 1, ItemBatcher.MAX_BYTES);
        if (maxItems == null && maxItemsPath == null && maxBytes == null) {
            throw f.error("ItemBatcher", "needs MaxItemsPerBatch (or MaxItemsPerBatchPath), MaxInputBytesPerBatch or both");
        }
        PayloadTemplate batchInput = b.template("BatchInput");
        b.rejectUnread("an ItemBatcher");
        return new ItemBatcher(maxItems == null ? null : maxItems.intValue(), maxItemsPath,
                maxBytes == null ? null : maxBytes.intValue(), batchInput);
    }

    private static MapState.S3Writer resultWriter(FieldReader f) {
        JsonNode node = f.raw("ResultWriter");
        if (node == null) {
            return null;
        }
        FieldReader w = f.nested("ResultWriter", node);
        refuse(w, "WriterConfig");
        String resource = w.requiredString("Resource");
        if (!resource.equals(MapState.S3Writer.RESOURCE)) {
            throw w.error("Resource", "'" + resource + "' is not supported by the embedded runner (only " + MapState.S3Writer.RESOURCE + ")");
        }
        PayloadTemplate parameters = s3Parameters(w, Set.of("Bucket", "Prefix"));
        w.rejectUnread("a ResultWriter");
        return new MapState.S3Writer(parameters);
    }

    /** Parameters naming an S3 location: Bucket required, the other keys only from {@code allowed}, each literal or {@code .$}. */
    private static PayloadTemplate s3Parameters(FieldReader r, Set<String> allowed) {
        JsonNode parameters = r.raw("Parameters");
        if (parameters == null || !parameters.isObject()) {
            throw r.error("Parameters", "is required: an object with Bucket (and Prefix)");
        }
        boolean bucket = false;
        for (Iterator<String> it = parameters.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String plain = key.endsWith(".$") ? key.substring(0, key.length() - 2) : key;
            if (!allowed.contains(plain)) {
                throw r.error("Parameters." + key, "is not supported by the embedded runner (only " + allowed + ")");
            }
            bucket |= plain.equals("Bucket");
        }
        if (!bucket) {
            throw r.error("Parameters.Bucket", "is required");
        }
        return r.template("Parameters");
    }

    private static MapTolerance tolerance(FieldReader f) {
        f.exclusive("ToleratedFailurePercentage", "ToleratedFailurePercentagePath");
        Long count = f.optionalInteger("ToleratedFailureCount", 0, Integer.MAX_VALUE);
        JsonNode percentage = f.raw("ToleratedFailurePercentage");
        if (percentage != null && !MapTolerance.isPercentage(percentage)) {
            throw f.error("ToleratedFailurePercentage", "must be a number from 0 to 100, not " + percentage);
        }
        DataPath percentagePath = f.optionalPath("ToleratedFailurePercentagePath");
        return count == null && percentage == null && percentagePath == null ? MapTolerance.NONE
                : new MapTolerance(count, percentage == null ? null : percentage.asDouble(), percentagePath);
    }

    private static String label(FieldReader f) {
        String label = f.optionalString("Label");
        if (label == null) {
            return null;
        }
        boolean forbidden = label.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
                || LABEL_FORBIDDEN.indexOf(c) >= 0);
        if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH || forbidden) {
            throw f.error("Label", "must have 1 to " + MAX_LABEL_LENGTH + " characters, none of them whitespace or "
                    + LABEL_FORBIDDEN + ", not '" + label + "'");
        }
        return label;
    }

    private static void refuse(FieldReader r, String field) {
        if (r.has(field)) {
            throw r.error(field, "is not supported by the embedded runner");
        }
    }
}
