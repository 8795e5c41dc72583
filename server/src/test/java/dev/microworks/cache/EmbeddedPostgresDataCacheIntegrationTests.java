package dev.microworks.cache;

import dev.microworks.testsupport.OnEmbeddedPostgres;

@OnEmbeddedPostgres
class EmbeddedPostgresDataCacheIntegrationTests extends DataCacheIntegrationTests {}
