package dk.munin.weather;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Weather from MET Norway's Locationforecast 2.0. It only covers roughly now to ten days
 * ahead, so an event gets the time step nearest its start only when that step is at most
 * {@code maxStepDistance} away; weather from another time is never attached.
 * <p>
 * One instance serves one run and asks MET once per rounded position, remembering the
 * forecast, or the failure, for every further event there: a camera's events share a place,
 * and repeating a refused request (403, 429) would only make MET refuse longer.
 */
public class MetNoLocationforecast implements WeatherProvider {

    public static final String NAME = "metno";
    public static final String SERVICE = "MET Norway";
    public static final String ATTRIBUTION = "Data from The Norwegian Meteorological Institute (MET Norway), CC BY 4.0";

    private final WeatherHttp client;
    private final Duration maxStepDistance;
    private final Map<RoundedPosition, Fetched<Forecast>> fetched = new HashMap<>();

    /** @param maxStepDistance munin.weather.max-step-distance-minutes */
    public MetNoLocationforecast(WeatherHttp client, Duration maxStepDistance) {
        this.client = client;
        this.maxStepDistance = maxStepDistance;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String attribution() {
        return ATTRIBUTION;
    }

    @Override
    public EventWeather weatherAt(String eventId, double latitude, double longitude, Instant utc) {
        RoundedPosition position = RoundedPosition.of(latitude, longitude);
        Fetched<Forecast> answer = fetched.computeIfAbsent(position, this::fetch);
        if (answer.failure() != null) {
            return EventWeather.unavailable(eventId, NAME, answer.failure());
        }
        Forecast forecast = answer.answer();
        return forecast.stepNear(utc, maxStepDistance)
                .map(step -> available(eventId, step))
                .orElseGet(() -> EventWeather.unavailable(eventId, NAME, String.format(
                        "no forecast time step within %d minutes of the event time %s: MET Norway's forecast for %s covers %s to %s",
                        maxStepDistance.toMinutes(), utc, position, forecast.firstStep(), forecast.lastStep())));
    }

    private Fetched<Forecast> fetch(RoundedPosition position) {
        return Fetched.from(client, "lat=" + position.latitude() + "&lon=" + position.longitude(), position, SERVICE, SERVICE + "'s",
                body -> "", LocationforecastParser::parse);
    }

    private static EventWeather available(String eventId, ForecastStep step) {
        return new EventWeather(eventId, EventWeather.AVAILABLE, null, NAME, step.time(),
                step.airTemperatureC(), step.relativeHumidityPercent(), step.windSpeedMs(),
                step.windFromDirectionDeg(), step.cloudAreaFractionPercent(), step.airPressureAtSeaLevelHpa(),
                step.precipitationAmountMm(), step.periodHours(), step.symbolCode());
    }
}
