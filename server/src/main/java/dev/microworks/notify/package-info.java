/**
 * Notification cards: raw events from microapps become one scored card per user, in the user's feed
 * (API and live server-sent events) and on the channels the user opted into.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>One card per (raw event, user), whatever is redelivered.
 *   <li>Card content (title, body, fields) is stored only encrypted with the tenant's cache key.
 *   <li>A user sees only their own cards; an expired card leaves the feed and every live stream.
 *   <li>Live updates and channel deliveries happen after the cards commit, never for cards that
 *       rolled back.
 * </ul>
 */
@org.springframework.modulith.ApplicationModule(
    displayName = "Notifications and feed",
    allowedDependencies = {"tenant", "microapp", "identity", "wallet", "scoring", "audit"})
package dev.microworks.notify;
