package dev.microworks.cache;

import dev.microworks.testsupport.OnPostgres15;

@OnPostgres15
class Postgres15DataCacheIntegrationTests extends DataCacheIntegrationTests {}
