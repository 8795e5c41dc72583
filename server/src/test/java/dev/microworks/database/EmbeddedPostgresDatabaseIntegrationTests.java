package dev.microworks.database;

import dev.microworks.testsupport.OnEmbeddedPostgres;

/** The database suite on the embedded PostgreSQL the server starts when no datasource is set. */
@OnEmbeddedPostgres
class EmbeddedPostgresDatabaseIntegrationTests extends DatabaseIntegrationTests {}
