package dev.microworks.identity.internal;

import dev.microworks.testsupport.OnEmbeddedPostgres;

@OnEmbeddedPostgres
class EmbeddedPostgresBootstrapAdminIntegrationTests extends BootstrapAdminIntegrationTests {}
