package dk.munin.lambda;

import dk.munin.manifest.InvalidManifest;
import dk.munin.workflow.camel.RouteReplies;
import org.apache.camel.CamelExecutionException;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda SnapStart's runtime hooks (CRaC): what the snapshot of a started Camel may hold, and
 * what each restored copy must make its own.
 *
 * <ul>
 *   <li>Before the snapshot, one request is routed that GuardBudget refuses without any I/O (an
 *       empty manifest), so the routing, bean and JSON classes are loaded and linked in the
 *       snapshot, not on the first real invocation. Nothing reaches S3 or another AWS API during
 *       init: the AWS SDK clients are built on first use (CamelS3Client, the Step Functions
 *       endpoint of the run report), so no HTTP connection is open when the snapshot is taken,
 *       and none is shared by restored copies.</li>
 *   <li>Unique ids: exchange ids come from the RandomUuidGenerator MuninBeans sets (UUID.randomUUID
 *       per id, from SecureRandom) instead of Camel's default, a counter behind a seed fixed at
 *       start-up that every copy of one snapshot would share. Session ids are derived from the
 *       manifest (deterministic by design), so nothing else needs re-seeding after restore.</li>
 * </ul>
 */
final class SnapStartHooks implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartHooks.class);
    private static final String PRIMING_ROUTE = "direct:guard-budget";

    /** CRaC's contexts may hold their resources weakly: this keeps the hooks alive as long as the container. */
    private static SnapStartHooks registered;

    private final CamelHost camel;

    SnapStartHooks(CamelHost camel) {
        this.camel = camel;
    }

    static synchronized void register(CamelHost camel) {
        registered = new SnapStartHooks(camel);
        Core.getGlobalContext().register(registered);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: see the class comment (no connection in the snapshot, ids drawn per use).
        LOG.debug("Restored from SnapStart's snapshot");
    }

    /** Loads the request path's classes with a manifest GuardBudget refuses before it lists anything. */
    void prime() {
        try {
            camel.template().requestBody(PRIMING_ROUTE, "{}", String.class);
            LOG.warn("Priming: GuardBudget accepted an empty manifest; it should refuse it");
        } catch (CamelExecutionException e) {
            if (!(RouteReplies.routeError(e) instanceof InvalidManifest)) {
                throw e;
            }
            LOG.info("Primed for SnapStart's snapshot (the warning above is the priming request's refusal)");
        }
    }
}
