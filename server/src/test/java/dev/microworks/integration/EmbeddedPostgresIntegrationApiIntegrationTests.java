package dev.microworks.integration;

import dev.microworks.testsupport.OnEmbeddedPostgres;

@OnEmbeddedPostgres
class EmbeddedPostgresIntegrationApiIntegrationTests extends IntegrationApiIntegrationTests {}
