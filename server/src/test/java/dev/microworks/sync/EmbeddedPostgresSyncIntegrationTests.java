package dev.microworks.sync;

import dev.microworks.testsupport.OnEmbeddedPostgres;

@OnEmbeddedPostgres
class EmbeddedPostgresSyncIntegrationTests extends SyncIntegrationTests {}
