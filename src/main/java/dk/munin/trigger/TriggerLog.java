package dk.munin.trigger;

import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the trigger route (start-run) tells the person at the terminal, as a route policy: once
 * it watches, one line with where and how to drop a manifest; for a manifest that could not be
 * started, one line with why and where it went, in place of Camel's message history (the
 * route's error handling, trigger-errors, turns that off); a stack trace only for an error Munin
 * did not expect.
 */
public class TriggerLog extends RoutePolicySupport {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerLog.class);

    private volatile WatchedPlace place;

    @Override
    public void onStart(Route route) {
        place = WatchedPlace.of(route.getEndpoint().getEndpointUri());
        LOG.info(place.readyLine());
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        Exception failure = exchange.getException();
        if (failure == null) {
            return;
        }
        String destination = place == null ? "" : "; it goes to " + place.failed();
        if (failure instanceof UnreadableManifest || failure instanceof RefusedManifest) {
            LOG.warn("{}{}: fix it and drop it again", failure.getMessage(), destination);
        } else {
            LOG.error("Manifest {} could not be started{}: {}", exchange.getMessage().getHeader("manifestName"), destination,
                    failure.toString(), failure);
        }
    }
}
