package dev.microworks.identity.internal;

import dev.microworks.testsupport.OnEmbeddedPostgres;

@OnEmbeddedPostgres
class EmbeddedPostgresTotpIntegrationTests extends TotpIntegrationTests {}
