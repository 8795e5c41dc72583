package dev.microworks.wallet.internal;

import dev.microworks.testsupport.OnPostgres15;

@OnPostgres15
class Postgres15WalletIntegrationTests extends WalletIntegrationTests {}
