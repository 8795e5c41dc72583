package dev.microworks.sync.internal;

import dev.microworks.testsupport.OnEmbeddedPostgres;

@OnEmbeddedPostgres
class EmbeddedPostgresSyncSchedulingIntegrationTests extends SyncSchedulingIntegrationTests {}
