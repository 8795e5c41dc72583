package dev.microworks.database;

import dev.microworks.testsupport.OnPostgres15;

/** The database suite on an external PostgreSQL 15, as production runs. */
@OnPostgres15
class Postgres15DatabaseIntegrationTests extends DatabaseIntegrationTests {}
