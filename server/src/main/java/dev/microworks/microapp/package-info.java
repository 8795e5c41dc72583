/**
 * Microapps: definitions bound to one integration (pages, per-user filters, subscribers), and
 * notification rules evaluated on {@link dev.microworks.cache.RecordsChanged} and on schedules.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>A definition is validated in full against its integration's spec when saved: every problem
 *       is reported with line, column and path; an invalid definition changes nothing stored.
 *   <li>The per-user filter of a table applies on every read path that shows that table's records
 *       (pages, search, counts, exports, notification audiences); a user sees a record only when
 *       they are a subscriber and the filter holds for them.
 *   <li>Every raw notification carries an idempotency key (rule, record, record version, or the
 *       schedule window); a redelivered change or a repeated schedule run never raises it twice.
 *   <li>A notification is expired when its record is deleted, stops matching its rule, or leaves
 *       the user's audience or filter.
 * </ul>
 *
 * <p>Raw notifications go to the {@link dev.microworks.microapp.NotificationSink}, in the
 * transaction that recorded them.
 */
@org.springframework.modulith.ApplicationModule(
    displayName = "Microapps",
    allowedDependencies = {
      "tenant",
      "integration",
      "integration::yaml",
      "cache",
      "identity",
      "audit"
    })
package dev.microworks.microapp;
