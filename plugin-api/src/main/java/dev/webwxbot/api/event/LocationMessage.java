package dev.webwxbot.api.event;

import java.util.Objects;

/**
 * A shared location.
 *
 * @param label the address or place name shown to the user
 * @param latitude degrees north, 0 when the server did not say
 * @param longitude degrees east, 0 when the server did not say
 * @param poiName the point of interest's name, often empty
 * @param mapUrl a link to the place on a map, often empty
 */
public record LocationMessage(
        Envelope envelope, String label, double latitude, double longitude, String poiName, String mapUrl)
        implements MessageEvent {
    public LocationMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(poiName, "poiName");
        Objects.requireNonNull(mapUrl, "mapUrl");
    }
}
