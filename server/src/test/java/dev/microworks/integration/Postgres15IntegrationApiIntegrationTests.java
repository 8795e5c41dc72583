package dev.microworks.integration;

import dev.microworks.testsupport.OnPostgres15;

@OnPostgres15
class Postgres15IntegrationApiIntegrationTests extends IntegrationApiIntegrationTests {}
