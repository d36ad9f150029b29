package dk.munin.output.report;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.cluster.Event;
import dk.munin.weather.EventWeather;
import dk.munin.weather.WeatherValues;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The weather at the events: the distribution of each variable over the events that have weather,
 * where the values came from (provider, station or grid point, distance, the credit the licence
 * asks for), and for the others why there is none.
 */
final class WeatherSection {

    private static final int BINS = 12;

    /** A variable of the seed's weather set, with its unit as the page shows it. */
    private record Variable(String name, String unit, Function<WeatherValues, Double> value) {
    }

    private static final List<Variable> VARIABLES = List.of(
            new Variable("air temperature", "°C", WeatherValues::airTemperatureC),
            new Variable("relative humidity", "%", WeatherValues::relativeHumidityPercent),
            new Variable("precipitation", "mm", WeatherValues::precipitationAmountMm),
            new Variable("wind speed", "m/s", WeatherValues::windSpeedMs),
            new Variable("air pressure at sea level", "hPa", WeatherValues::airPressureAtSeaLevelHpa),
            new Variable("cloud cover", "%", WeatherValues::cloudAreaFractionPercent));

    private WeatherSection() {
    }

    /**
     * @param summary  run_report.json's weather; null when WeatherEnrichment did not run
     * @param listRows the most reasons listed for the events without weather
     */
    static String html(List<Event> events, Function<Event, EventWeather> weatherOf, JsonNode summary, int listRows) {
        StringBuilder out = new StringBuilder("<section id=\"weather\"><h2>Weather at the events</h2>");
        if (summary == null || !summary.isObject()) {
            return out.append("<p>Weather enrichment did not run for this session.</p></section>").toString();
        }
        List<EventWeather> available = new ArrayList<>();
        Map<String, Integer> reasons = new TreeMap<>();
        for (Event event : events) {
            EventWeather weather = weatherOf.apply(event);
            if (weather.isAvailable()) {
                available.add(weather);
            } else {
                reasons.merge(weather.status() + (weather.reason() == null ? "" : ": " + weather.reason()), 1, Integer::sum);
            }
        }
        out.append("<p>").append(Html.count(available.size())).append(" of ").append(Html.count(events.size()))
                .append(" events have weather, from the chain <code>").append(Html.esc(summary.path("provider").asText()))
                .append("</code>.</p>");
        if (!available.isEmpty()) {
            out.append("<div class=\"grid\">");
            for (Variable variable : VARIABLES) {
                List<Double> values = available.stream().map(w -> variable.value().apply(w.values())).filter(v -> v != null).toList();
                if (!values.isEmpty()) {
                    out.append("<figure class=\"weather-variable\">")
                            .append(Charts.histogram(variable.name(), values, BINS, variable.unit()))
                            .append("<figcaption>").append(Html.esc(variable.name())).append("</figcaption></figure>");
                }
            }
            out.append("</div>");
        }
        out.append(provenance(available, summary)).append(without(reasons, listRows));
        return out.append("</section>").toString();
    }

    /** Per provider and source: how many events, how far, and the credit. */
    private static String provenance(List<EventWeather> available, JsonNode summary) {
        StringBuilder out = new StringBuilder("<h3>Provenance</h3>");
        Map<String, Integer> bySource = new LinkedHashMap<>();
        Map<String, EventWeather> example = new LinkedHashMap<>();
        for (EventWeather weather : available) {
            String key = weather.provider() + "\u0000" + (weather.source() == null ? "" : weather.source().id());
            bySource.merge(key, 1, Integer::sum);
            example.putIfAbsent(key, weather);
        }
        if (!bySource.isEmpty()) {
            out.append("<table><thead><tr><th>provider</th><th>station or grid point</th><th>distance km</th><th>events</th>")
                    .append("<th>attribution</th></tr></thead><tbody>");
            bySource.forEach((key, count) -> {
                EventWeather weather = example.get(key);
                out.append("<tr>").append(Html.td(weather.provider()))
                        .append(Html.td(weather.source() == null ? "–" : weather.source().id()
                                + (weather.source().name() == null ? "" : " " + weather.source().name())))
                        .append(Html.tdNum(weather.source() == null ? "–" : Html.num(weather.source().distanceKm(), 1)))
                        .append(Html.tdNum(Html.count(count))).append(Html.td(weather.attribution())).append("</tr>");
            });
            out.append("</tbody></table>");
        }
        out.append("<table class=\"providers\"><thead><tr><th>provider</th><th>requests</th><th>from cache</th><th>failures</th>")
                .append("<th>events with weather</th><th>skipped because</th></tr></thead><tbody>");
        for (Iterator<Map.Entry<String, JsonNode>> it = summary.path("providers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> provider = it.next();
            JsonNode counts = provider.getValue();
            out.append("<tr>").append(Html.td(provider.getKey())).append(Html.tdNum(counts.path("requests").asText()))
                    .append(Html.tdNum(counts.path("cache_hits").asText())).append(Html.tdNum(counts.path("failures").asText()))
                    .append(Html.tdNum(counts.path("events_with_weather").asText()))
                    .append(Html.td(counts.path("skipped").isNull() ? "–" : counts.path("skipped").asText())).append("</tr>");
        }
        out.append("</tbody></table>");
        if (summary.path("attribution").isTextual()) {
            out.append("<p class=\"note\">").append(Html.esc(summary.path("attribution").asText())).append("</p>");
        }
        return out.toString();
    }

    private static String without(Map<String, Integer> reasons, int listRows) {
        if (reasons.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<h3>Events without weather</h3><table><thead><tr><th>why</th><th>events</th></tr></thead><tbody>");
        reasons.entrySet().stream().limit(listRows).forEach(reason -> out.append("<tr>").append(Html.td(reason.getKey()))
                .append(Html.tdNum(Html.count(reason.getValue()))).append("</tr>"));
        out.append("</tbody></table>");
        if (reasons.size() > listRows) {
            out.append("<p class=\"note\">").append(Html.count(reasons.size() - listRows))
                    .append(" more reasons are not listed (munin.report.list-rows); weather/event_weather.jsonl has each event's.</p>");
        }
        return out.toString();
    }
}
