/**
 * Where the server's data lives: PostgreSQL, the only SQL dialect, with its schema owned by Flyway
 * migrations ({@code db/migration}).
 *
 * <p>With {@code spring.datasource.url} set, the server uses that PostgreSQL server (14 or newer).
 * Without it, the server starts an <em>embedded</em> PostgreSQL whose cluster persists under {@link
 * dev.microworks.database.DatabaseProperties.Embedded#dataDirectory()} across restarts, so one
 * command gives a working system. The start-up log says which one is in use, and where.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Database")
package dev.microworks.database;
