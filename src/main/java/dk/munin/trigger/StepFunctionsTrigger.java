package dk.munin.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.manifest.InvalidManifest;
import dk.munin.manifest.ManifestRules;
import dk.munin.state.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * A manifest to the deployed workflow: checked here by the rules GuardBudget applies, so a
 * manifest that is not JSON or is refused starts nothing and gets an .error.json beside it
 * naming the field and the reason; a good one starts the state machine under the name
 * {@link ManifestTrigger#executionName} derives from its name and content, so the same
 * manifest delivered twice starts one execution.
 */
public class StepFunctionsTrigger {

    private static final Logger LOG = LoggerFactory.getLogger(StepFunctionsTrigger.class);
    /** The field of a refusal that is about the whole file, as ManifestRules names it. */
    private static final String WHOLE_MANIFEST = "(manifest)";

    private final ObjectStore storage;
    private final ManifestRules rules;
    private final ManifestErrorFile errors;
    private final StepFunctionsStarter starter;

    public StepFunctionsTrigger(ObjectStore storage, ManifestRules rules, ManifestErrorFile errors, StepFunctionsStarter starter) {
        this.storage = storage;
        this.rules = rules;
        this.errors = errors;
        this.starter = starter;
    }

    /** Route start-execution: a manifest named by an S3 event, read from where it lies. */
    public TriggerReply startStored(String manifestUri) {
        Location manifest = Location.parse(manifestUri);
        if (ManifestErrorFile.isErrorFile(manifest.name())) {
            LOG.debug("{} is the trigger's own error file, not a manifest", manifestUri);
            return TriggerReply.ignored(manifest.uri());
        }
        return start(new String(storage.read(manifest), StandardCharsets.UTF_8), manifest, manifest.name());
    }

    /**
     * Route start-run: a manifest its consumer read.
     *
     * @throws RefusedManifest after writing the error file, so the consumer treats the manifest as failed
     */
    public TriggerReply startDropped(String text, String manifestUri, String manifestName) {
        TriggerReply reply = start(text, Location.parse(manifestUri), manifestName);
        if (reply.status() == TriggerStatus.REFUSED) {
            throw new RefusedManifest("Manifest " + manifestName + " was refused; " + reply.errorUri() + " says why");
        }
        return reply;
    }

    private TriggerReply start(String text, Location manifest, String manifestName) {
        JsonNode json;
        try {
            json = Json.parse(text);
        } catch (IllegalArgumentException e) {
            return refuse(manifest, new InvalidManifest(WHOLE_MANIFEST, "is not valid JSON: " + e.getMessage()));
        }
        try {
            rules.validate(json);
        } catch (InvalidManifest refusal) {
            return refuse(manifest, refusal);
        }
        return starter.start(manifest.uri(), ManifestTrigger.executionName(manifestName, text), Json.write(json));
    }

    private TriggerReply refuse(Location manifest, InvalidManifest refusal) {
        Location errorFile = errors.write(manifest, refusal);
        LOG.warn("Manifest {} starts nothing: {} (written to {})", manifest.uri(), refusal.getMessage(), errorFile.uri());
        return TriggerReply.refused(manifest.uri(), errorFile.uri());
    }
}
