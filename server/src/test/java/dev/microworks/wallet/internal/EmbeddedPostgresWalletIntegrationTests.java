package dev.microworks.wallet.internal;

import dev.microworks.testsupport.OnEmbeddedPostgres;

@OnEmbeddedPostgres
class EmbeddedPostgresWalletIntegrationTests extends WalletIntegrationTests {}
