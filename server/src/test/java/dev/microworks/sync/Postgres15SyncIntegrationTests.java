package dev.microworks.sync;

import dev.microworks.testsupport.OnPostgres15;

@OnPostgres15
class Postgres15SyncIntegrationTests extends SyncIntegrationTests {}
