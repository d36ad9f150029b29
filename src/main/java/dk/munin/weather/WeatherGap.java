package dk.munin.weather;

import java.util.Arrays;
import java.util.Optional;

/** Why an event has no weather, in kinds a researcher can act on; each says what would help. */
public enum WeatherGap {

    NO_UTC_TIME("no_utc_time",
            "its photos' time zone is unknown: give the manifest a time_zone (or each deployment one) so times can be put in UTC"),
    NEGATIVE("negative",
            "only events of munin.weather.categories get weather; the others are left without"),
    NO_LOCATION("no_location",
            "its deployment has no coordinates and its photos no GPS: give the manifest's deployments a latitude and longitude"),
    PROVIDER_OFF("provider_none",
            "weather is switched off: set munin.weather.providers"),
    PROVIDER_HAS_NONE("provider_has_none",
            "no provider has weather for that place and time: weather/event_weather.jsonl gives each event's reasons");

    private final String code;
    private final String advice;

    WeatherGap(String code, String advice) {
        this.code = code;
        this.advice = advice;
    }

    /** How the run state and the run report count it. */
    public String code() {
        return code;
    }

    /** Why, and what to do, for the console. */
    public String advice() {
        return advice;
    }

    public static Optional<WeatherGap> ofCode(String code) {
        return Arrays.stream(values()).filter(gap -> gap.code.equals(code)).findFirst();
    }
}
