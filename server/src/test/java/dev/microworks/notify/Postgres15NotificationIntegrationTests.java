package dev.microworks.notify;

import dev.microworks.testsupport.OnPostgres15;

@OnPostgres15
class Postgres15NotificationIntegrationTests extends NotificationIntegrationTests {}
