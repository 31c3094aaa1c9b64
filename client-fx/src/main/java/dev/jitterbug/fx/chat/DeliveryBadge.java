package dev.jitterbug.fx.chat;

import dev.jitterbug.DeliveryState;

/**
 * How a delivery state looks next to one of our messages: an icon to read at a glance, and the words the tooltip
 * explains it with. Pure, so the wording is tested without a UI.
 *
 * @param icon an Ikonli Feather literal
 * @param styleClass {@code delivery-queued}, {@code delivery-sent}, … for the colour
 * @param explanation the tooltip's text
 */
public record DeliveryBadge(String icon, String styleClass, String explanation) {

    /** The badge for a state; null for a message that is not ours (no state). */
    public static DeliveryBadge of(DeliveryState state, String failureReason) {
        if (state == null) {
            return null;
        }
        return switch (state) {
            case QUEUED -> new DeliveryBadge("fth-clock", "delivery-queued",
                    "Queued: not sent yet. It goes out by itself when the connection is back.");
            case SENT -> new DeliveryBadge("fth-arrow-up-circle", "delivery-sent",
                    "Sent: on its way; the server has not confirmed it yet.");
            case ACKED -> new DeliveryBadge("fth-check", "delivery-acked",
                    "Sent: the server confirmed it has the message.");
            case FAILED -> new DeliveryBadge("fth-alert-circle", "delivery-failed",
                    "Not delivered: " + (failureReason == null || failureReason.isBlank()
                            ? "no reason given" : failureReason) + ". \"Send again\" sends it as a new message.");
            // States the core may add (a receipt from the recipient, a read marker) are shown by name until they
            // get their own icon here.
            default -> byName(state.name());
        };
    }

    private static DeliveryBadge byName(String name) {
        return switch (name) {
            case "DELIVERED" -> new DeliveryBadge("fth-check-circle", "delivery-delivered",
                    "Delivered: the recipient's device has it.");
            case "READ" -> new DeliveryBadge("fth-eye", "delivery-read", "Read: the recipient has seen it.");
            default -> new DeliveryBadge("fth-info", "delivery-other", name.charAt(0)
                    + name.substring(1).toLowerCase(java.util.Locale.ROOT));
        };
    }
}
