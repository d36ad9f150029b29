package dk.munin.weather;

/** The weather service could not be asked at all (connection refused, timeout, DNS). */
class ProviderUnreachable extends RuntimeException {

    ProviderUnreachable(String message, Throwable cause) {
        super(message, cause);
    }
}
