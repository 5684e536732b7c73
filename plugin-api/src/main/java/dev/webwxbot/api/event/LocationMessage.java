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
 * @param scale the map's zoom level as the sender left it ({@code <location scale=…>}, the captures show 16), 0 when
 *     the server did not say
 * @param poiId the map provider's id of the point of interest ({@code poiid}), often empty
 * @param locationXml the location as the server describes it in {@code OriContent}
 *     ({@code <msg><location x=… y=… …/></msg>}), which {@link dev.webwxbot.api.Outgoing#forward forwarding} sends
 *     back as it is (PROTOCOL.md 5.2); empty when the server sent none
 */
public record LocationMessage(
        Envelope envelope, String label, double latitude, double longitude, String poiName, String mapUrl, int scale,
        String poiId, String locationXml) implements MessageEvent {
    public LocationMessage {
        Objects.requireNonNull(locationXml, "locationXml");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(poiName, "poiName");
        Objects.requireNonNull(mapUrl, "mapUrl");
        Objects.requireNonNull(poiId, "poiId");
    }

    /** As before scale and point-of-interest id were kept: neither said. */
    public LocationMessage(Envelope envelope, String label, double latitude, double longitude, String poiName,
                           String mapUrl) {
        this(envelope, label, latitude, longitude, poiName, mapUrl, 0, "");
    }

    /** As before the server's location XML was kept: a location that cannot be forwarded. */
    public LocationMessage(Envelope envelope, String label, double latitude, double longitude, String poiName,
                           String mapUrl, int scale, String poiId) {
        this(envelope, label, latitude, longitude, poiName, mapUrl, scale, poiId, "");
    }
}
