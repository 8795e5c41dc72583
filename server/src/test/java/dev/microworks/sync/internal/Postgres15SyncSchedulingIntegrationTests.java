package dev.microworks.sync.internal;

import dev.microworks.testsupport.OnPostgres15;

@OnPostgres15
class Postgres15SyncSchedulingIntegrationTests extends SyncSchedulingIntegrationTests {}
