package dev.microworks.wallet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event type whose content is tenant data (record payloads): when the event publication
 * registry stores it (a listener has not completed yet), it is stored encrypted with the default
 * tenant's cache key, not as JSON in clear.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SealedAtRest {}
