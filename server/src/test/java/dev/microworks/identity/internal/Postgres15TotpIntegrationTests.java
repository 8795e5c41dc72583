package dev.microworks.identity.internal;

import dev.microworks.testsupport.OnPostgres15;

@OnPostgres15
class Postgres15TotpIntegrationTests extends TotpIntegrationTests {}
