package dk.munin.weather;

import java.util.Arrays;
import java.util.Optional;

/** Why an event has no weather, in kinds a researcher can act on; each says what would help. */
public enum WeatherGap {

    NO_UTC_TIME("no_utc_time",
            "its photos' time zone is unknown: give the manifest a time_zone (or each deployment one) so times can be put in UTC"),
    NO_POSITION("no_position",
            "its photos carry no GPS: give the manifest's deployments a latitude and longitude"),
    OLDER_THAN_DAYS_BACK("older_than_weather_days_back",
            "it is older than the manifest's weather_days_back: raise weather_days_back to look older events up"),
    PROVIDER_OFF("provider_none",
            "weather is switched off: set munin.weather.provider"),
    PROVIDER_HAS_NONE("provider_has_none",
            "the provider has no weather for that place and time: weather/event_weather.json gives each event's reason");

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
