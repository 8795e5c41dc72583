package dev.microworks.identity.internal;

import dev.microworks.testsupport.OnEmbeddedPostgres;

@OnEmbeddedPostgres
class EmbeddedPostgresAccessTokenIntegrationTests extends AccessTokenIntegrationTests {}
