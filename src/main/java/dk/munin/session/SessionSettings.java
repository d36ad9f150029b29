package dk.munin.session;

import dk.munin.contract.settings.Settings;

import java.time.Duration;

/**
 * How `munin run` holds a session (application.properties, "Sessions").
 *
 * @param leaseDuration munin.session.lease-seconds: how long a lease holds without being renewed; after a
 *                      crash on another machine, a new run of the session waits at most this long
 * @param leaseRenewal  munin.session.lease-renew-seconds: how often the running run renews it
 */
public record SessionSettings(Duration leaseDuration, Duration leaseRenewal) {

    public SessionSettings {
        if (leaseRenewal.isNegative() || leaseRenewal.isZero() || leaseRenewal.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("munin.session.lease-renew-seconds (" + leaseRenewal.toSeconds()
                    + ") must be positive and shorter than munin.session.lease-seconds (" + leaseDuration.toSeconds() + ")");
        }
    }

    public static SessionSettings from(Settings settings) {
        return new SessionSettings(Duration.ofSeconds(settings.whole("munin.session.lease-seconds")),
                Duration.ofSeconds(settings.whole("munin.session.lease-renew-seconds")));
    }
}
